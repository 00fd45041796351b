import { ListDraft, PersistentList } from './persistentList';
import type { SessionEvent } from './sessionEvent';

/** One stretch of a turn, from the end of the previous stage; a turn's stages add up to its total. */
export interface LatencyStage {
  /** What the turn was waiting for, e.g. `input committed`, `first audio`, `tool lookupOrders`. */
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
  /** The setting or call that governs this stage, in words, when the log says. */
  readonly governedBy?: string;
}

/** A tool call in a turn (run in the page, by the supervisor or by the escalation model), or a handoff. */
export interface TurnCall {
  readonly callId: string;
  readonly name: string;
  readonly kind: 'tool' | 'supervisor' | 'escalation' | 'handoff';
  readonly startMs: number;
  readonly endMs: number | undefined;
  readonly model?: string;
  /** Supervisor tool rounds, when it used tools of its own. */
  readonly rounds?: number;
}

/** A call held for the user's decision ("ask me" in the Tools panel): the wait is the user's, not a model's. */
export interface TurnDecision {
  readonly callId: string;
  readonly toolName: string;
  /** Set when a supervisor tool asked: the realtime call that waited on the supervisor. */
  readonly parentCallId: string | undefined;
  readonly requestedMs: number;
  readonly decidedMs: number | undefined;
}

/** One user turn, in ms after the user finished (speech stopped, push-to-talk released, or text sent). */
export interface TurnLatency {
  /** 1 for the first turn. */
  readonly index: number;
  /** When the user finished, on the session clock. */
  readonly startT: number;
  readonly trigger: 'speech' | 'push-to-talk' | 'typed';
  readonly committedMs: number | undefined;
  readonly responseCreatedMs: number | undefined;
  readonly firstTextMs: number | undefined;
  /** Time to first audio: the figure users feel. */
  readonly firstAudioMs: number | undefined;
  /** The last response of the turn (after its tool calls and handoffs) generated to the end. */
  readonly responseDoneMs: number | undefined;
  /** The turn's audio finished playing (WebRTC's output buffer stopped, after the turn's first audio). */
  readonly audioEndMs: number | undefined;
  /** The turn over as the user lives it: the later of its last response done and its audio finished playing. */
  readonly doneMs: number | undefined;
  readonly calls: readonly TurnCall[];
  /** Calls held for the user's decision in this turn. */
  readonly decisions: readonly TurnDecision[];
  /** Background calls that run beside the answer (guardrail classifications), not on its critical path. */
  readonly guardrailMs: readonly number[];
  /** The silence the server waited for before deciding the user had finished (server VAD), when known. */
  readonly silenceMs: number | undefined;
  /** What the log does not say for this turn: its figures are partial, never guessed. */
  readonly missing: readonly string[];
}

export interface LatencyState {
  readonly turns: PersistentList<TurnLatency>;
  /** Turn detection as last sent to the server, so a turn can name the setting that governed it. */
  readonly turnDetection: { readonly type: string; readonly silenceMs: number | undefined } | undefined;
  /** The open turn has seen a response created: a new user finish opens the next turn. */
  readonly answered: boolean;
  /** Round-trip time of the WebRTC connection, as last sampled. */
  readonly rttMs: number | undefined;
}

export const emptyLatency: LatencyState = { turns: PersistentList.empty(), turnDetection: undefined, answered: true, rttMs: undefined };

type Payload = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function userFinish(event: SessionEvent): TurnLatency['trigger'] | undefined {
  if (event.direction === 'server' && event.type === 'input_audio_buffer.speech_stopped') return 'speech';
  if (event.direction === 'app' && event.type === 'ptt.up') return 'push-to-talk';
  const item = event.payload['item'] as Payload | undefined;
  if (event.direction === 'client' && event.type === 'conversation.item.create' && item?.['type'] === 'message' && item['role'] === 'user')
    return 'typed';
  return undefined;
}

/** The turn detection a client `session.update` (GA or beta shape) sets, if it says. */
function turnDetectionOf(event: SessionEvent): LatencyState['turnDetection'] | null | undefined {
  const session = event.payload['session'] as Payload | undefined;
  const audioInput = ((session?.['audio'] as Payload | undefined)?.['input'] as Payload | undefined) ?? undefined;
  const detection = audioInput && 'turn_detection' in audioInput ? audioInput['turn_detection'] : session?.['turn_detection'];
  if (detection === undefined) return undefined;
  if (detection === null) return null;
  const record = detection as Payload;
  return { type: str(record['type']) ?? 'server_vad', silenceMs: num(record['silence_duration_ms']) };
}

type Draft = { -readonly [K in keyof TurnLatency]: TurnLatency[K] };

function freezeTurn(draft: Draft): TurnLatency {
  const missing: string[] = [];
  if (draft.trigger !== 'typed' && draft.committedMs === undefined) missing.push('input committed');
  if (draft.responseCreatedMs === undefined) missing.push('response created');
  if (draft.responseDoneMs === undefined) missing.push('response done');
  for (const call of draft.calls) if (call.endMs === undefined) missing.push(`end of ${call.name}`);
  for (const decision of draft.decisions) if (decision.decidedMs === undefined) missing.push(`your decision on ${decision.toolName}`);
  const ends = [draft.responseDoneMs, draft.audioEndMs].filter((end) => end !== undefined);
  const doneMs = ends.length > 0 ? Math.max(...ends) : undefined;
  return { ...draft, doneMs, calls: [...draft.calls], decisions: [...draft.decisions], guardrailMs: [...draft.guardrailMs], missing };
}

/**
 * Folds events into per-turn latency: milestones (input committed, response created, first text, first
 * audio, done), tool and backend calls with their models, guardrail calls beside them, and the turn
 * detection in force. Pure and O(batch); a missing or out-of-order event leaves a figure undefined or
 * a stage short, never wrong.
 */
export function reduceLatency(state: LatencyState, events: readonly SessionEvent[]): LatencyState {
  const turns = new ListDraft(state.turns);
  let { turnDetection, answered, rttMs } = state;
  const last = turns.length > 0 ? turns.at(turns.length - 1)! : undefined;
  let current: Draft | undefined = last
    ? { ...last, calls: [...last.calls], decisions: [...last.decisions], guardrailMs: [...last.guardrailMs] }
    : undefined;
  let changed = false;
  const since = (event: SessionEvent) => Math.max(0, event.t - current!.startT);
  const upsertCall = (callId: string, patch: Partial<TurnCall> & { startMs: number }) => {
    const calls = current!.calls as TurnCall[];
    const at = calls.findIndex((call) => call.callId === callId);
    if (at === -1) {
      calls.push({ callId, name: patch.name ?? 'tool', kind: patch.kind ?? 'tool', endMs: undefined, ...patch });
      return;
    }
    const existing = calls[at]!;
    calls[at] = {
      ...existing,
      ...patch,
      startMs: Math.min(existing.startMs, patch.startMs),
      endMs: patch.endMs === undefined ? existing.endMs : Math.max(existing.endMs ?? 0, patch.endMs),
      kind: existing.kind === 'tool' ? (patch.kind ?? existing.kind) : existing.kind,
    };
  };

  for (const event of events) {
    const payload = event.payload;
    if (event.direction === 'client' && event.type === 'session.update') {
      const detection = turnDetectionOf(event);
      if (detection !== undefined) turnDetection = detection ?? undefined;
      continue;
    }
    if (event.direction === 'app' && event.type === 'webrtc.stats') {
      rttMs = num(payload['rttMs']) ?? rttMs;
      continue;
    }
    const trigger = userFinish(event);
    if (trigger) {
      if (answered) {
        if (current) turns.set(current.index - 1, freezeTurn(current));
        current = {
          index: turns.length + 1,
          startT: event.t,
          trigger,
          committedMs: undefined,
          responseCreatedMs: undefined,
          firstTextMs: undefined,
          firstAudioMs: undefined,
          responseDoneMs: undefined,
          audioEndMs: undefined,
          doneMs: undefined,
          calls: [],
          decisions: [],
          guardrailMs: [],
          silenceMs: trigger === 'speech' && turnDetection?.type === 'server_vad' ? turnDetection.silenceMs : undefined,
          missing: [],
        };
        turns.push(freezeTurn(current));
        answered = false;
      } else if (current && current.responseCreatedMs === undefined && current.committedMs === undefined) {
        // The user finished again before any answer: the turn starts at the latest finish.
        current.startT = event.t;
        current.trigger = trigger;
      }
      changed = true;
      continue;
    }
    if (!current) continue;
    const item = payload['item'] as Payload | undefined;
    if (event.direction === 'server') {
      if (event.type === 'input_audio_buffer.committed') current.committedMs ??= since(event);
      else if (event.type === 'response.created') {
        current.responseCreatedMs ??= since(event);
        answered = true;
      } else if (event.type === 'response.output_text.delta' || event.type === 'response.output_audio_transcript.delta')
        current.firstTextMs ??= since(event);
      else if (event.type === 'response.output_audio.delta' || event.type === 'output_audio_buffer.started') current.firstAudioMs ??= since(event);
      else if (event.type === 'response.done') current.responseDoneMs = Math.max(current.responseDoneMs ?? 0, since(event));
      // Audio still playing from the turn before stops after this turn began: only this turn's own playback counts.
      else if (event.type === 'output_audio_buffer.stopped' && current.firstAudioMs !== undefined && since(event) >= current.firstAudioMs)
        current.audioEndMs = Math.max(current.audioEndMs ?? 0, since(event));
      else if (event.type === 'response.function_call_arguments.done') {
        const callId = str(payload['call_id']);
        const name = str(payload['name']) ?? 'tool';
        if (callId) upsertCall(callId, { name, startMs: since(event), ...(name.startsWith('transfer_to_') ? { kind: 'handoff' as const } : {}) });
      } else continue;
    } else if (event.direction === 'client' && event.type === 'conversation.item.create' && item?.['type'] === 'function_call_output') {
      const callId = str(item['call_id']);
      if (callId) upsertCall(callId, { startMs: since(event), endMs: since(event) });
      else continue;
    } else if (event.direction === 'app') {
      const callId = str(payload['callId']);
      const kind = event.type.startsWith('supervisor.') ? 'supervisor' : event.type.startsWith('escalation.') ? 'escalation' : undefined;
      if (kind && callId && event.type.endsWith('.request'))
        upsertCall(callId, { kind, name: str(payload['toolName']) ?? kind, startMs: since(event) });
      else if (kind && callId) {
        const steps = Array.isArray((payload['result'] as Payload | undefined)?.['steps'])
          ? ((payload['result'] as Payload)['steps'] as unknown[]).length
          : undefined;
        upsertCall(callId, {
          kind,
          name: str(payload['toolName']) ?? current.calls.find((call) => call.callId === callId)?.name ?? kind,
          // Main's figure is the model's own work; time its tools waited for the user comes on top.
          startMs: since(event) - (num(payload['durationMs']) ?? 0) - (num(payload['waitedMs']) ?? 0),
          endMs: since(event),
          ...(str(payload['model']) ? { model: str(payload['model']) } : {}),
          ...(steps !== undefined ? { rounds: steps } : {}),
        });
      } else if ((event.type === 'tool.approval_requested' || event.type === 'tool.approval') && callId) {
        const decisions = current.decisions as TurnDecision[];
        const at = decisions.findIndex((decision) => decision.callId === callId);
        const known = decisions[at];
        if (event.type === 'tool.approval_requested') {
          if (known) continue;
          decisions.push({
            callId,
            toolName: str(payload['toolName']) ?? 'tool',
            parentCallId: str(payload['parentCallId']),
            requestedMs: since(event),
            decidedMs: undefined,
          });
        } else if (known && known.decidedMs === undefined) decisions[at] = { ...known, decidedMs: Math.max(known.requestedMs, since(event)) };
        else continue;
      } else if (event.type === 'guardrail.verdict' && num(payload['durationMs']) !== undefined)
        (current.guardrailMs as number[]).push(num(payload['durationMs'])!);
      else if (event.type === 'agent.changed' && payload['reason'] === 'handoff') {
        const to = str(payload['to']) ?? '?';
        const open = [...current.calls].reverse().find((call) => call.kind === 'handoff' && call.name === `transfer_to_${to}`);
        if (open) upsertCall(open.callId, { startMs: open.startMs, endMs: Math.max(open.endMs ?? 0, since(event)) });
        else continue;
      } else continue;
    } else continue;
    changed = true;
  }
  if (current && changed) turns.set(current.index - 1, freezeTurn(current));
  if (!changed && turnDetection === state.turnDetection && rttMs === state.rttMs && answered === state.answered) return state;
  return { turns: turns.freeze(), turnDetection, answered, rttMs };
}

/**
 * A turn as consecutive stages from the user finishing to its end (last response done, audio played), each labelled with what
 * the turn was waiting for and, where a setting or call governs it, which. The stages add up to the total;
 * a stage the log cannot place is left out and the turn says it is partial.
 */
export function stagesOf(turn: TurnLatency): LatencyStage[] {
  const points: { at: number; label: string; governedBy?: string }[] = [];
  const add = (at: number | undefined, label: string, governedBy?: string) => {
    if (at !== undefined) points.push({ at, label, ...(governedBy ? { governedBy } : {}) });
  };
  add(turn.committedMs, 'input committed');
  add(turn.responseCreatedMs, 'response created');
  for (const call of turn.calls) {
    add(call.startMs, call.kind === 'handoff' ? 'model chose a handoff' : 'model chose a tool');
    const model = call.model ? `model ${call.model}${call.rounds ? `, ${call.rounds} tool round${call.rounds === 1 ? '' : 's'}` : ''}` : undefined;
    add(
      call.endMs,
      call.kind === 'handoff'
        ? `handoff ${call.name.replace(/^transfer_to_/, 'to ')}`
        : call.name === call.kind
          ? call.kind
          : `${call.kind === 'tool' ? 'tool' : call.kind} ${call.name}`,
      model,
    );
  }
  for (const decision of turn.decisions) {
    add(decision.requestedMs, decision.parentCallId ? `supervisor called ${decision.toolName}` : `tool ${decision.toolName} held for your decision`);
    add(decision.decidedMs, `your decision on ${decision.toolName}`, `Tools panel: ${decision.toolName} is set to Ask me`);
  }
  add(turn.firstTextMs, 'first text');
  add(turn.firstAudioMs, 'first audio');
  add(turn.responseDoneMs, 'response done');
  add(turn.audioEndMs, 'audio finished playing');
  points.sort((a, b) => a.at - b.at);
  const stages: LatencyStage[] = [];
  if (turn.silenceMs !== undefined)
    stages.push({
      label: 'silence before the end of speech',
      startMs: -turn.silenceMs,
      endMs: 0,
      governedBy: `turn detection silence_duration_ms = ${turn.silenceMs}`,
    });
  let from = 0;
  for (const point of points) {
    // Two milestones at the same moment make one stage, named after the first.
    if (point.at === from) continue;
    stages.push({ label: point.label, startMs: from, endMs: point.at, ...(point.governedBy ? { governedBy: point.governedBy } : {}) });
    from = point.at;
  }
  return stages;
}

/** The median and 95th percentile of the values (nearest rank), or undefined for none. */
export function medianAndP95(values: readonly number[]): { median: number; p95: number } | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { median: rank(0.5), p95: rank(0.95) };
}
