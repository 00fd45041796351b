import { isoDay, knownModel, modelChoices, modelLifecycle, modelSettings, type ModelKind, type ModelSetting } from '../../../../src-shared/models';

const kindLabels: Record<ModelKind, string> = { realtime: 'Realtime', text: 'Text', reasoning: 'Reasoning' };

function optionLabel(id: string, today: string): string {
  const lifecycle = modelLifecycle(id, today);
  if (lifecycle.status === 'retired') return `${id} — retired ${lifecycle.shutdown}`;
  if (lifecycle.status === 'retiring') return `${id} — retires ${lifecycle.shutdown}`;
  return id;
}

/** What the chosen model's future holds, in words, with the replacement to switch to when it is going away. */
function LifecycleHint(props: { value: string; hint: string; today: string; onUse: (id: string) => void }) {
  const lifecycle = modelLifecycle(props.value, props.today);
  if (lifecycle.status === 'current') return <span className="form-hint">{props.hint}</span>;
  if (lifecycle.status === 'unknown')
    return <span className="form-hint">{props.value.trim() === '' ? props.hint : 'not in the list of known models; sent as typed'}</span>;
  const retired = lifecycle.status === 'retired';
  return (
    <span className={retired ? 'form-hint model-retired' : 'form-hint model-retiring'} data-testid="model-lifecycle">
      {retired ? `retired on ${lifecycle.shutdown}: the API refuses it` : `retires on ${lifecycle.shutdown}`}
      {lifecycle.replacement && (
        <>
          {' '}
          <button type="button" className="button button-small" onClick={() => props.onUse(lifecycle.replacement)}>
            Use {lifecycle.replacement}
          </button>
        </>
      )}
    </span>
  );
}

/**
 * One model setting: a text field (any id, so a model released after the list is usable at once), with the
 * known models offered while typing and in a list grouped by kind, retired and retiring ones marked.
 */
export function ModelField(props: { setting: ModelSetting; hint: string; value: string; invalid: boolean; onChange: (value: string) => void }) {
  const { setting, value } = props;
  const { label } = modelSettings[setting];
  const today = isoDay(new Date());
  const groups = modelChoices(setting);
  const listId = `${setting}-known`;
  const known = knownModel(value)?.id === value;
  return (
    <div className="form-row">
      <label className="form-label" htmlFor={`${setting}-input`}>
        {label}
      </label>
      <div className="model-field">
        <input
          id={`${setting}-input`}
          className={props.invalid ? 'input input-invalid' : 'input'}
          aria-label={label}
          list={listId}
          value={value}
          onChange={(event) => props.onChange(event.target.value)}
          spellCheck={false}
        />
        <datalist id={listId}>
          {groups.flatMap((group) => group.models.map((model) => <option key={model.id} value={model.id} label={optionLabel(model.id, today)} />))}
        </datalist>
        <select
          className="input"
          aria-label={`${label}: known models`}
          value={known ? value : ''}
          onChange={(event) => event.target.value !== '' && props.onChange(event.target.value)}
        >
          <option value="">{known ? 'Other (type it)' : 'Other (as typed)'}</option>
          {groups.map((group) => (
            <optgroup key={group.kind} label={kindLabels[group.kind]}>
              {group.models.map((model) => (
                <option key={model.id} value={model.id}>
                  {optionLabel(model.id, today)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <LifecycleHint value={value} hint={props.hint} today={today} onUse={props.onChange} />
    </div>
  );
}
