import type { EventFilter } from '../../engine/events/eventFilter';

type TypeState = 'any' | 'only' | 'hidden';

function stateOf(filter: EventFilter, type: string): TypeState {
  if (filter.includeTypes.has(type)) return 'only';
  if (filter.excludeTypes.has(type)) return 'hidden';
  return 'any';
}

const next: Record<TypeState, TypeState> = { any: 'only', only: 'hidden', hidden: 'any' };
const said: Record<TypeState, string> = { any: '', only: 'shown only', hidden: 'hidden' };

/** The filter with `type` moved to `state`: included (only these), excluded (never these) or neither. */
export function withTypeState(filter: EventFilter, type: string, state: TypeState): EventFilter {
  const includeTypes = new Set(filter.includeTypes);
  const excludeTypes = new Set(filter.excludeTypes);
  includeTypes.delete(type);
  excludeTypes.delete(type);
  if (state === 'only') includeTypes.add(type);
  if (state === 'hidden') excludeTypes.add(type);
  return { ...filter, includeTypes, excludeTypes };
}

/**
 * One chip per event type with its live count, most frequent first. A click cycles the type through
 * "shown only" (+), "hidden" (−) and back; the state is said in words for screen readers, not by colour alone.
 */
export function TypeChips({
  counts,
  filter,
  onChange,
}: {
  counts: ReadonlyMap<string, number>;
  filter: EventFilter;
  onChange: (filter: EventFilter) => void;
}) {
  const types = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const active = filter.includeTypes.size + filter.excludeTypes.size;
  return (
    <div className="type-chips" role="group" aria-label="Event types">
      {types.map(([type, count]) => {
        const state = stateOf(filter, type);
        return (
          <button
            key={type}
            type="button"
            className={`chip chip-type chip-type-${state}`}
            data-type={type}
            title={`${type}: click to ${state === 'any' ? 'show only this type' : state === 'only' ? 'hide this type' : 'clear'}`}
            onClick={() => onChange(withTypeState(filter, type, next[state]))}
          >
            <span aria-hidden="true" className="chip-type-mark">
              {state === 'only' ? '+' : state === 'hidden' ? '−' : ''}
            </span>
            {type} <span className="chip-count">{count}</span>
            {state !== 'any' && <span className="visually-hidden">, {said[state]}</span>}
          </button>
        );
      })}
      {active > 0 && (
        <button type="button" className="chip chip-clear" onClick={() => onChange({ ...filter, includeTypes: new Set(), excludeTypes: new Set() })}>
          Clear types
        </button>
      )}
    </div>
  );
}
