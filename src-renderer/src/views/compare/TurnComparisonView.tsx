import { formatDollars } from '../../../../src-shared/cost';
import type { SessionComparisonData } from '../../../../src-shared/sessionComparisonContract';

type TurnComparison = SessionComparisonData['turns'][number];
type ToolCallComparison = TurnComparison['toolCalls'][number];
type Figure = TurnComparison['dollars'];

const MILESTONES: readonly (readonly [keyof TurnComparison['latency'], string])[] = [
  ['committed', 'committed'],
  ['created', 'response'],
  ['firstText', 'first text'],
  ['firstAudio', 'first audio'],
  ['done', 'done'],
];

const shown = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));
const ms = (value: number) => `${Math.round(value)} ms`;
const tokens = (value: number) => String(value);

/** One side of the reply: the words both have, and the ones only this side has marked. */
function ReplySide({ parts, side }: { parts: TurnComparison['reply']['parts']; side: 'a' | 'b' }) {
  const mine = side === 'a' ? 'removed' : 'added';
  const visible = parts.filter((part) => part.change === 'same' || part.change === mine);
  if (visible.every((part) => part.text.trim() === '')) return <span className="muted">no reply</span>;
  return (
    <>
      {visible.map((part, at) =>
        part.change === 'same' ? (
          <span key={at}>{part.text}</span>
        ) : side === 'a' ? (
          <del key={at} className="diff-removed">
            {part.text}
          </del>
        ) : (
          <ins key={at} className="diff-added">
            {part.text}
          </ins>
        ),
      )}
    </>
  );
}

function CallSide({ call, side }: { call: ToolCallComparison; side: 'a' | 'b' }) {
  const made = side === 'a' ? call.a : call.b;
  if (!made) return <span className="muted">—</span>;
  const only = call.side !== 'both';
  return (
    <span className={only ? (side === 'a' ? 'diff-removed' : 'diff-added') : undefined}>
      <span className="tool-name">{call.name}</span> <span className="compare-args">{made.argumentsText}</span>
    </span>
  );
}

function ToolCalls({ calls }: { calls: TurnComparison['toolCalls'] }) {
  if (calls.length === 0)
    return (
      <div className="compare-row">
        <span className="compare-label">tool calls</span>
        <span className="muted compare-wide">none</span>
      </div>
    );
  return (
    <>
      {calls.map((call, at) => (
        <div key={at} className="compare-call" data-testid="compare-tool-call">
          <div className="compare-row">
            <span className="compare-label">{at === 0 ? 'tool calls' : ''}</span>
            <CallSide call={call} side="a" />
            <CallSide call={call} side="b" />
          </div>
          {call.differences.map((difference) => (
            <div key={difference.path} className="compare-row compare-difference">
              <span className="compare-label" />
              <span className="compare-wide">
                <span className="compare-path">{difference.path || '(arguments)'}</span>: <del className="diff-removed">{shown(difference.a)}</del> →{' '}
                <ins className="diff-added">{shown(difference.b)}</ins>
              </span>
            </div>
          ))}
        </div>
      ))}
    </>
  );
}

function Pair({ label, pair }: { label: string; pair: TurnComparison['handoffs'] }) {
  const words = (list: readonly string[]) => (list.length === 0 ? 'none' : list.join(', '));
  return (
    <div className={`compare-row${pair.same ? '' : ' compare-differs'}`}>
      <span className="compare-label">{label}</span>
      <span>{words(pair.a)}</span>
      <span>{words(pair.b)}</span>
    </div>
  );
}

function FigureRow({ label, figure, show }: { label: string; figure: Figure; show: (value: number) => string }) {
  const cell = (value: number | undefined) => (value === undefined ? '—' : show(value));
  const delta = figure.delta === undefined ? '' : `${figure.delta < 0 ? '−' : '+'}${show(Math.abs(figure.delta))}`;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{cell(figure.a)}</td>
      <td>{cell(figure.b)}</td>
      <td className={figure.delta === undefined || figure.delta === 0 ? 'muted' : figure.delta > 0 ? 'delta-up' : 'delta-down'}>{delta}</td>
    </tr>
  );
}

function heading(turn: TurnComparison): string {
  const name = turn.index === 0 ? 'Before the first user turn' : `Turn ${turn.index}`;
  if (turn.side !== 'both') return `${name}: only in ${turn.side.toUpperCase()}`;
  const differs = [...(turn.toolCallsSame ? [] : ['tool calls']), ...(turn.handoffs.same ? [] : ['handoffs'])];
  return `${name}: ${differs.length === 0 ? 'same tool calls and handoffs' : `differs in ${differs.join(' and ')}`}`;
}

/** One turn of both sessions side by side: what the user said, the replies with their word diff, calls, handoffs, figures. */
export function TurnComparisonView({ turn }: { turn: TurnComparison }) {
  const title = heading(turn);
  const userSame = turn.user.a === turn.user.b;
  return (
    <section className={`compare-turn${turn.same ? '' : ' compare-turn-differs'}`} aria-label={title} data-testid="compare-turn">
      <h2 className="compare-turn-title">
        <span className={`badge ${turn.same ? 'compare-same' : 'compare-differs-badge'}`}>{turn.same ? 'same' : 'differs'}</span> {title}
      </h2>
      {turn.index > 0 && (
        <div className={`compare-row${userSame ? '' : ' compare-differs'}`}>
          <span className="compare-label">user</span>
          {userSame ? (
            <span className="compare-wide">{turn.user.a}</span>
          ) : (
            <>
              <span>{turn.user.a ?? '—'}</span>
              <span>{turn.user.b ?? '—'}</span>
            </>
          )}
        </div>
      )}
      <div className="compare-row" data-testid="compare-reply">
        <span className="compare-label">reply</span>
        <span className="compare-reply" data-testid="compare-reply-a">
          <ReplySide parts={turn.reply.parts} side="a" />
        </span>
        <span className="compare-reply" data-testid="compare-reply-b">
          <ReplySide parts={turn.reply.parts} side="b" />
        </span>
      </div>
      <ToolCalls calls={turn.toolCalls} />
      <Pair label="handoffs" pair={turn.handoffs} />
      <Pair label="guardrail" pair={turn.guardrail} />
      <table className="compare-figures">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">B − A</th>
          </tr>
        </thead>
        <tbody>
          {MILESTONES.map(([key, label]) => (
            <FigureRow key={key} label={label} figure={turn.latency[key]} show={ms} />
          ))}
          <FigureRow label="cost" figure={turn.dollars} show={formatDollars} />
          <FigureRow label="tokens" figure={turn.tokens} show={tokens} />
        </tbody>
      </table>
    </section>
  );
}
