import type { SessionLogFooter, SessionLogHeader, SkippedLine } from '../../src-shared/sessionLog';
import { approvalText, emptyTranscript, type GuardrailVerdict, type TranscriptEntry } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';
import { noBudget, reduceBudget, type BudgetState } from '../../src-shared/budget';
import { datesInWords, emptyCost, formatDollars, reduceCost, sessionCost, type CostState } from '../../src-shared/cost';
import type { TokenCounts } from '../../src-shared/tokenCounts';
import type { PricingTable } from '../../src-shared/pricing';
import { emptyLatency, medianAndP95, reduceLatency, stagesOf, type TurnLatency } from '../../src-shared/latency';
import { emptyToolModes, reduceToolModes, SUPERVISOR_TOOLS, toolOfKey, type ToolApproval, type ToolModesState } from '../../src-shared/toolModes';
import { openLog, type LogSource } from '../services/sessionLog/sessionLogReader';

export interface ReadLog {
  readonly header: SessionLogHeader | undefined;
  readonly footer: SessionLogFooter | undefined;
  readonly source: LogSource | undefined;
  readonly events: number;
  readonly lastT: number;
  readonly skipped: readonly SkippedLine[];
  readonly warnings: readonly string[];
  readonly entries: readonly TranscriptEntry[];
  readonly turns: readonly TurnLatency[];
  /** Tokens per response and by model: the realtime model's from response.done, the others' from their call events. */
  readonly cost: CostState;
  /** The session's budget and what it crossed, from its budget app events. */
  readonly budget: BudgetState;
  /** How tools were set to answer (canned result, ask me) and the calls held for a decision. */
  readonly tools: ToolModesState;
}

/** Reads a whole log through the same reducers the app uses, a chunk at a time. */
export async function readLogForReport(path: string): Promise<ReadLog> {
  const log = await openLog(path);
  let transcript = emptyTranscript();
  let latency = emptyLatency;
  let events = 0;
  let lastT = 0;
  const skipped: SkippedLine[] = [];
  let cost = emptyCost;
  let budget = noBudget;
  let tools = emptyToolModes;
  for (;;) {
    const chunk = await log.next(5_000);
    transcript = reduceTranscript(transcript, chunk.events);
    latency = reduceLatency(latency, chunk.events);
    // A log's header names the realtime model even where its events do not (an early crash).
    if (cost.realtimeModel === undefined && log.header()) cost = { ...cost, realtimeModel: log.header()!.models.realtime };
    cost = reduceCost(cost, chunk.events);
    budget = reduceBudget(budget, chunk.events);
    tools = reduceToolModes(tools, chunk.events);
    events += chunk.events.length;
    lastT = chunk.events.at(-1)?.t ?? lastT;
    skipped.push(...chunk.skipped);
    if (chunk.done) break;
  }
  return {
    header: log.header(),
    footer: log.footer(),
    source: log.source(),
    events,
    lastT,
    skipped,
    warnings: log.warnings(),
    entries: transcript.entries.toArray(),
    turns: latency.turns.toArray(),
    cost,
    budget,
    tools,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const after = (ms: number | undefined) => (ms === undefined ? '—' : `+${Math.round(ms)} ms`);

function describeVerdict(verdict: GuardrailVerdict): string {
  switch (verdict.status) {
    case 'pass':
      return 'guardrail: pass';
    case 'fail':
      return `guardrail tripped: ${verdict.category}: ${verdict.rationale}`;
    case 'pending':
      return 'guardrail: no verdict in the log';
    case 'error':
      return `guardrail: ${verdict.message}`;
  }
}

function decisionWords(approval: ToolApproval): string {
  switch (approval.status) {
    case 'edited':
      return `approved with edited arguments ${JSON.stringify(approval.editedArguments)}`;
    case 'rejected':
      return `rejected: "${approval.message ?? ''}"`;
    case 'waiting':
      return 'still waiting when the log ends';
    default:
      return approval.status;
  }
}

/** How the user set tools to answer (other than as the scenario says), and each call held for a decision. */
function toolLines(tools: ToolModesState): string[] {
  const whose = (agent: string | undefined) => (agent === SUPERVISOR_TOOLS ? 'the supervisor' : (agent ?? '?'));
  const changed = [...tools.settings].filter(([, setting]) => setting.mode !== 'scenario');
  if (changed.length === 0 && tools.approvals.length === 0) return [];
  const lines = ['', 'Tools set in the Tools panel (as last set)'];
  for (const [key, setting] of changed) {
    const { agent, toolName } = toolOfKey(key);
    lines.push(`  ${toolName} of ${whose(agent)}: ${setting.mode === 'canned' ? `canned result ${JSON.stringify(setting.cannedResult)}` : 'ask me'}`);
  }
  for (const approval of tools.approvals)
    lines.push(`  call ${approval.toolName}(${JSON.stringify(approval.arguments)}) of ${whose(approval.agent)}: ${decisionWords(approval)}`);
  return lines;
}

function entryLines(entry: TranscriptEntry): string[] {
  switch (entry.kind) {
    case 'message': {
      const who = entry.role === 'user' ? 'User' : `Assistant (${entry.agent ?? '?'})`;
      const verdict = entry.guardrail === undefined ? '' : `  [${describeVerdict(entry.guardrail)}]`;
      return [`${who}: ${entry.text}${entry.status === 'interrupted' ? ' [interrupted]' : ''}${verdict}`];
    }
    case 'tool': {
      const backend = entry.backend
        ? `  via ${entry.backend.kind} ${entry.backend.model ?? ''} ${entry.backend.durationMs === undefined ? '' : `${Math.round(entry.backend.durationMs)} ms`}${entry.backend.usage ? ` ${entry.backend.usage.totalTokens} tokens` : ''}${entry.backend.error ? ` failed: ${entry.backend.error}` : ''}`
        : '';
      const approval = entry.approval ? `  [${approvalText(entry)}]` : '';
      return [`Tool ${entry.name}(${entry.arguments}) → ${entry.output ?? '(no result)'}${backend.replace(/\s+$/, '')}${approval}`];
    }
    case 'handoff':
      return [`Handoff ${entry.from ?? '?'} → ${entry.to}`];
    case 'notice':
      return [`[${entry.level}] ${entry.text}`];
  }
}

const ms = (value: number) => `${Math.round(value)} ms`;

/**
 * Per turn, its milestones after the user finished and its stages (what it waited for, and which setting
 * or call governs that), then the median and p95 of each milestone over the session.
 */
function turnLines(turns: readonly TurnLatency[]): string[] {
  const lines = ['', 'Turns (ms after the user finished)'];
  lines.push('  turn   at        by             committed  response   first text   first audio   done');
  for (const turn of turns) {
    lines.push(
      `  ${String(turn.index).padEnd(6)} ${seconds(turn.startT).padEnd(9)} ${turn.trigger.padEnd(14)} ${after(turn.committedMs).padEnd(10)} ${after(turn.responseCreatedMs).padEnd(10)} ${after(turn.firstTextMs).padEnd(12)} ${after(turn.firstAudioMs).padEnd(13)} ${after(turn.doneMs)}`,
    );
    const stages = stagesOf(turn).map(
      (stage) => `${stage.label} ${ms(stage.endMs - stage.startMs)}${stage.governedBy ? ` (${stage.governedBy})` : ''}`,
    );
    if (stages.length > 0) lines.push(`         stages: ${stages.join(' · ')}`);
    if (turn.missing.length > 0) lines.push(`         partial: the log has no ${turn.missing.join(', ')}`);
  }
  const statsLine = (name: string, values: readonly number[], counted: string) => {
    const stats = medianAndP95(values);
    return stats
      ? `  ${name.padEnd(24)} median ${ms(stats.median).padEnd(9)} p95 ${ms(stats.p95).padEnd(9)} (${values.length} ${counted})`
      : `  ${name.padEnd(24)} —`;
  };
  const figure = (name: string, pick: (turn: TurnLatency) => number | undefined) =>
    statsLine(
      name,
      turns.map(pick).filter((value): value is number => value !== undefined),
      'turns',
    );
  lines.push(
    '',
    'Latency over the session',
    figure('input committed', (turn) => turn.committedMs),
    figure('response created', (turn) => turn.responseCreatedMs),
    figure('first text', (turn) => turn.firstTextMs),
    figure('first audio', (turn) => turn.firstAudioMs),
    figure('response done', (turn) => turn.doneMs),
  );
  const calls = new Map<string, number[]>();
  for (const turn of turns)
    for (const call of turn.calls)
      if (call.endMs !== undefined)
        calls.set(`${call.kind} ${call.name}`, [...(calls.get(`${call.kind} ${call.name}`) ?? []), call.endMs - call.startMs]);
  for (const [name, durations] of calls) lines.push(statsLine(name, durations, 'calls'));
  const guardrails = turns.flatMap((turn) => turn.guardrailMs);
  if (guardrails.length > 0) lines.push(statsLine('guardrail', guardrails, 'calls'));
  return lines;
}

/** `input text 850 (+200 cached), audio 400; output text 310, audio 700`, naming only the kinds there are. */
function tokensInWords(tokens: TokenCounts): string {
  const kind = (name: string, count: number, cached = 0) =>
    count + cached > 0 ? [`${name} ${count}${cached > 0 ? ` (+${cached} cached)` : ''}`] : [];
  const unknown = (count: number) => (count > 0 ? [`${count} of unknown kind`] : []);
  const input = [
    ...kind('text', tokens.textInput, tokens.cachedTextInput),
    ...kind('audio', tokens.audioInput, tokens.cachedAudioInput),
    ...kind('image', tokens.imageInput, tokens.cachedImageInput),
    ...unknown(tokens.unknownInput),
  ];
  const output = [...kind('text', tokens.textOutput), ...kind('audio', tokens.audioOutput), ...unknown(tokens.unknownOutput)];
  return `input ${input.join(', ') || 'none'}; output ${output.join(', ') || 'none'}`;
}

/** Tokens and money by model and for the session, each with the date its prices were taken. */
function costLines(cost: CostState, budget: BudgetState, pricing: PricingTable): string[] {
  const priced = sessionCost(cost, pricing);
  const lines = ['', 'Tokens and cost by model'];
  if (priced.byModel.length === 0) lines.push('  none recorded');
  for (const model of priced.byModel) {
    const dollars =
      model.dollars === undefined
        ? 'no price'
        : `${formatDollars(model.dollars)}${model.unpriced.length > 0 ? ', part not priced' : ''} (prices of ${model.takenOn})`;
    lines.push(`  ${model.model}: ${tokensInWords(model.tokens)} → ${dollars}`);
  }
  lines.push(`  session: ${formatDollars(priced.total)} over ${cost.responses.length} billed responses (prices of ${datesInWords(priced.takenOn)})`);
  if (priced.unpriced.length > 0) lines.push(`  not counted: ${priced.unpriced.join('; ')}`);
  if (budget.budgetUsd !== undefined) {
    const spent = budget.spentUsd === undefined ? '' : ` at ${formatDollars(budget.spentUsd)}`;
    lines.push(
      `  budget: ${formatDollars(budget.budgetUsd)}, ${
        budget.crossed === 'budget.exceeded'
          ? `reached${spent}: the session was ended`
          : budget.crossed === 'budget.warning'
            ? `80 % warning${spent}`
            : 'not reached'
      } (as the app priced it while the session ran)`,
    );
  }
  return lines;
}

/** `npm run log -- summary FILE`: what happened in a session, in reading order, then per-turn timings and tokens. */
export function formatSummary(path: string, read: ReadLog, pricing: PricingTable): string {
  const lines: string[] = [];
  const { header } = read;
  if (header) {
    lines.push(`Session ${header.sessionId}, started ${header.startedAt}, app ${header.appVersion}`);
    lines.push(`Scenario: ${header.scenario.name} (${header.scenario.id}), start agent ${header.setup.startAgent}`);
    lines.push(
      `Models: realtime ${header.models.realtime}, supervisor ${header.models.supervisor}, escalation ${header.models.escalation}, guardrail ${header.models.guardrail}`,
    );
    lines.push(`Setup: ${header.setup.turnDetection}, codec ${header.setup.codec}, output ${header.setup.output}, voice ${header.setup.voice}`);
  } else {
    lines.push(`Imported Realtime event log: ${path}`);
  }
  lines.push(
    read.footer
      ? `Ended: ${read.footer.reason} at ${read.footer.endedAt}, ${read.events} events over ${seconds(read.lastT)}`
      : read.source === 'session-log'
        ? `Ended: no end record (crashed or killed); ${read.events} events read over ${seconds(read.lastT)}`
        : `${read.events} events over ${seconds(read.lastT)}`,
  );
  for (const warning of read.warnings) lines.push(`Note: ${warning}`);
  if (read.skipped.length > 0)
    lines.push(
      `Skipped ${read.skipped.length} unreadable line(s): ${read.skipped
        .slice(0, 5)
        .map((skip) => `line ${skip.line} ${skip.reason}`)
        .join('; ')}`,
    );
  lines.push('', 'Transcript');
  for (const entry of read.entries) for (const line of entryLines(entry)) lines.push(`  ${line}`);
  lines.push(...toolLines(read.tools));
  lines.push(...turnLines(read.turns));
  lines.push(...costLines(read.cost, read.budget, pricing));
  return `${lines.join('\n')}\n`;
}

/** `npm run log -- validate FILE`: every problem with its line, or that the log is sound. */
export function formatValidation(path: string, read: ReadLog): { text: string; ok: boolean } {
  const problems = read.skipped.map((skip) => `line ${skip.line} ${skip.reason}`);
  if (read.source === 'session-log' && !read.header) problems.unshift('line 1 is not a session log header');
  if (read.source === 'session-log' && !read.footer)
    problems.push('no footer: the session did not end cleanly (crashed or killed); everything before that is readable');
  const kind = read.source === 'realtime-import' ? 'Realtime event log (importable)' : 'session log';
  const ok = read.skipped.length === 0 && (read.source !== 'session-log' || read.header !== undefined);
  const lines = [
    `${path}: ${kind}, ${read.events} readable events${problems.length === 0 ? ', no problems' : `, ${problems.length} problem(s):`}`,
    ...problems.map((problem) => `  ${problem}`),
    ...read.warnings.map((warning) => `  note: ${warning}`),
  ];
  return { text: `${lines.join('\n')}\n`, ok };
}
