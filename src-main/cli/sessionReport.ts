import type { SessionEvent } from '../../src-shared/sessionEvent';
import type { SessionLogFooter, SessionLogHeader, SkippedLine } from '../../src-shared/sessionLog';
import { emptyTranscript, type GuardrailVerdict, type TranscriptEntry } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';
import { emptyTurns, reduceTurns, type TurnTiming } from '../../src-shared/turnTimings';
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
  readonly turns: readonly TurnTiming[];
  /** Tokens by model: the realtime model's from response.done, the others' from their call events. */
  readonly usage: ReadonlyMap<string, { input: number; output: number }>;
}

function addUsage(usage: Map<string, { input: number; output: number }>, model: string, input: number, output: number): void {
  const current = usage.get(model) ?? { input: 0, output: 0 };
  usage.set(model, { input: current.input + input, output: current.output + output });
}

function tally(usage: Map<string, { input: number; output: number }>, realtimeModel: string, event: SessionEvent): void {
  const payload = event.payload;
  if (event.direction === 'server' && event.type === 'response.done') {
    const used = (payload['response'] as { usage?: { input_tokens?: number; output_tokens?: number } } | undefined)?.usage;
    if (used) addUsage(usage, realtimeModel, used.input_tokens ?? 0, used.output_tokens ?? 0);
  } else if (event.direction === 'app' && typeof payload['model'] === 'string' && typeof payload['usage'] === 'object' && payload['usage'] !== null) {
    const used = payload['usage'] as { inputTokens?: number; outputTokens?: number };
    addUsage(usage, payload['model'], used.inputTokens ?? 0, used.outputTokens ?? 0);
  }
}

/** Reads a whole log through the same reducers the app uses, a chunk at a time. */
export async function readLogForReport(path: string): Promise<ReadLog> {
  const log = await openLog(path);
  let transcript = emptyTranscript();
  let turns = emptyTurns;
  let events = 0;
  let lastT = 0;
  const skipped: SkippedLine[] = [];
  const usage = new Map<string, { input: number; output: number }>();
  for (;;) {
    const chunk = await log.next(5_000);
    transcript = reduceTranscript(transcript, chunk.events);
    turns = reduceTurns(turns, chunk.events);
    const realtimeModel = log.header()?.models.realtime ?? 'realtime';
    for (const event of chunk.events) tally(usage, realtimeModel, event);
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
    turns: turns.turns.toArray(),
    usage,
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
      return [`Tool ${entry.name}(${entry.arguments}) → ${entry.output ?? '(no result)'}${backend.replace(/\s+$/, '')}`];
    }
    case 'handoff':
      return [`Handoff ${entry.from ?? '?'} → ${entry.to}`];
    case 'notice':
      return [`[${entry.level}] ${entry.text}`];
  }
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `npm run log -- summary FILE`: what happened in a session, in reading order, then per-turn timings and tokens. */
export function formatSummary(path: string, read: ReadLog): string {
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
  lines.push('', 'Turns (times after the user finished)');
  lines.push('  turn   at        response   first text   first audio   done        tokens in/out');
  for (const turn of read.turns) {
    lines.push(
      `  ${String(turn.index + 1).padEnd(6)} ${seconds(turn.startT).padEnd(9)} ${after(turn.responseCreatedMs).padEnd(10)} ${after(turn.firstTextMs).padEnd(12)} ${after(turn.firstAudioMs).padEnd(13)} ${after(turn.doneMs).padEnd(11)} ${turn.inputTokens}/${turn.outputTokens}`,
    );
  }
  const medianOf = (pick: (turn: TurnTiming) => number | undefined) =>
    after(median(read.turns.map(pick).filter((value): value is number => value !== undefined)));
  lines.push(
    `  median ${''.padEnd(9)} ${medianOf((turn) => turn.responseCreatedMs).padEnd(10)} ${medianOf((turn) => turn.firstTextMs).padEnd(12)} ${medianOf((turn) => turn.firstAudioMs).padEnd(13)} ${medianOf((turn) => turn.doneMs)}`,
  );
  lines.push('', 'Tokens by model (input/output)');
  if (read.usage.size === 0) lines.push('  none recorded');
  for (const [model, used] of read.usage) lines.push(`  ${model}: ${used.input}/${used.output}`);
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
