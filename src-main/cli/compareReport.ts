import { formatDollars } from '../../src-shared/cost';
import {
  MILESTONES,
  type FigureDifference,
  type Milestone,
  type ReplyPart,
  type SessionComparison,
  type ToolCallComparison,
  type TurnComparison,
} from '../../src-shared/scenarioTests/compareSessions';

export interface CompareReportOptions {
  /** How the two sessions are named (their files). */
  readonly a: string;
  readonly b: string;
  /** ANSI colour on top of the markers, for a terminal. */
  readonly colour: boolean;
}

const MILESTONE_WORDS: Record<Milestone, string> = {
  committed: 'committed',
  created: 'response',
  firstText: 'first text',
  firstAudio: 'first audio',
  done: 'done',
};

type Paint = (code: number, text: string) => string;

const value = (known: unknown) => (known === undefined ? '(absent)' : JSON.stringify(known));
const signed = (delta: number, show: (magnitude: number) => string) => `${delta < 0 ? '-' : '+'}${show(Math.abs(delta))}`;
const milliseconds = (ms: number) => `${Math.round(ms)} ms`;
const count = (tokens: number) => String(tokens);

/** `A  B  B − A` columns of one figure; `—` where a side does not have it. */
function figureLine(label: string, figure: FigureDifference, show: (value: number) => string): string {
  const cell = (known: number | undefined) => (known === undefined ? '—' : show(known)).padEnd(12);
  const delta = figure.delta === undefined ? '' : signed(figure.delta, show);
  return `    ${label.padEnd(12)} ${cell(figure.a)} ${cell(figure.b)} ${delta}`.trimEnd();
}

/** The replies with removed words as `[-…-]` and added ones as `{+…+}` (jsdiff's word diff marks). */
function replyText(parts: readonly ReplyPart[], paint: Paint): string {
  return parts
    .map((part) => (part.change === 'removed' ? paint(31, `[-${part.text}-]`) : part.change === 'added' ? paint(32, `{+${part.text}+}`) : part.text))
    .join('')
    .replaceAll('\n', '\n         ');
}

function toolCallLines(call: ToolCallComparison, paint: Paint): string[] {
  if (call.side === 'a') return [paint(31, `    - ${call.name} only in A ${call.a?.argumentsText ?? ''}`)];
  if (call.side === 'b') return [paint(32, `    + ${call.name} only in B ${call.b?.argumentsText ?? ''}`)];
  if (call.differences.length === 0) return [`    = ${call.name} same arguments`];
  return [
    paint(33, `    ~ ${call.name} arguments differ`),
    ...call.differences.map((difference) => `        ${difference.path || '(arguments)'}: ${value(difference.a)} → ${value(difference.b)}`),
  ];
}

function sideBySide(label: string, pair: { a: readonly string[]; b: readonly string[]; same: boolean }, paint: Paint): string {
  const words = (list: readonly string[]) => (list.length === 0 ? 'none' : list.join(', '));
  return pair.same ? `  ${label}: ${words(pair.a)}` : paint(33, `  ${label} differ: A ${words(pair.a)} · B ${words(pair.b)}`);
}

function turnHeading(turn: TurnComparison): string {
  const name = turn.index === 0 ? 'Before the first user turn' : `Turn ${turn.index}`;
  if (turn.side !== 'both') return `${name}: only in ${turn.side.toUpperCase()}`;
  const differs = [...(turn.toolCallsSame ? [] : ['tool calls']), ...(turn.handoffs.same ? [] : ['handoffs'])];
  return `${name}: ${differs.length === 0 ? 'same tool calls and handoffs' : `differs in ${differs.join(' and ')}`}`;
}

function turnLines(turn: TurnComparison, paint: Paint): string[] {
  const lines = [paint(1, turnHeading(turn))];
  if (turn.index > 0)
    lines.push(
      turn.user.a === turn.user.b || turn.side !== 'both'
        ? `  user: ${turn.user.a ?? turn.user.b ?? ''}`
        : paint(33, `  user differs: A ${value(turn.user.a)} · B ${value(turn.user.b)}`),
    );
  lines.push(`  reply: ${replyText(turn.reply.parts, paint)}`);
  lines.push(turn.toolCalls.length === 0 ? '  tool calls: none' : '  tool calls:', ...turn.toolCalls.flatMap((call) => toolCallLines(call, paint)));
  lines.push(sideBySide('handoffs', turn.handoffs, paint), sideBySide('guardrail verdicts', turn.guardrail, paint));
  lines.push(`    ${''.padEnd(12)} ${'A'.padEnd(12)} ${'B'.padEnd(12)} B − A`);
  for (const milestone of MILESTONES) lines.push(figureLine(MILESTONE_WORDS[milestone], turn.latency[milestone], milliseconds));
  lines.push(figureLine('cost', turn.dollars, formatDollars), figureLine('tokens', turn.tokens, count));
  return lines;
}

/** Says plainly when one session has more user turns than the other. */
function turnCountLine({ a, b }: SessionComparison['turnCount']): string {
  if (a === b) return `Both have ${a} user turns.`;
  const [more, fewer, many, few] = a > b ? ['A', 'B', a, b] : ['B', 'A', b, a];
  return `${more} has ${many} user turns, ${fewer} has ${few}: turn${many - few > 1 ? `s ${few + 1}–${many} are` : ` ${many} is`} only in ${more}.`;
}

/**
 * `npm run log -- compare A B`: the two sessions turn by turn, for a person reading side by side in a
 * terminal, then one line saying whether their tool calls and handoffs are the same.
 */
export function formatComparison(comparison: SessionComparison, options: CompareReportOptions): string {
  const paint: Paint = options.colour ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
  const lines = [`A: ${options.a}`, `B: ${options.b}`, turnCountLine(comparison.turnCount), ''];
  for (const turn of comparison.turns) lines.push(...turnLines(turn, paint), '');
  const differing = comparison.differing.length;
  lines.push(
    comparison.same
      ? 'compare: same tool calls and handoffs'
      : `compare: ${differing} turn${differing === 1 ? '' : 's'} differ${differing === 1 ? 's' : ''} in tool calls or handoffs`,
  );
  return `${lines.join('\n')}\n`;
}
