// `npm run bench`: throughput and memory of the hot path every event takes (sanitise → reduce into the transcript).
import { performance } from 'node:perf_hooks';
import { sanitizePayload, type SessionEvent } from '../src-shared/sessionEvent';
import { emptyTranscript } from '../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../src-shared/transcript/transcriptReducer';

/** A long session: many turns, each with ~40 transcript deltas, like a real spoken reply. */
function syntheticSession(turns: number): SessionEvent[] {
  const events: SessionEvent[] = [];
  const push = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown>) =>
    events.push({ seq: events.length, t: events.length, direction, type, payload });
  for (let turn = 0; turn < turns; turn += 1) {
    push('server', 'conversation.item.added', {
      item: { id: `u${turn}`, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text: `question ${turn}` }] },
    });
    push('server', 'conversation.item.added', { item: { id: `a${turn}`, type: 'message', role: 'assistant', status: 'in_progress', content: [] } });
    for (let delta = 0; delta < 40; delta += 1) push('server', 'response.output_audio_transcript.delta', { item_id: `a${turn}`, delta: 'word ' });
    push('server', 'conversation.item.done', {
      item: {
        id: `a${turn}`,
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_audio', transcript: 'word '.repeat(40) }],
      },
    });
  }
  return events;
}

function measure(label: string, turns: number, batchSize: number): void {
  const events = syntheticSession(turns);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  let state = emptyTranscript();
  for (let index = 0; index < events.length; index += batchSize) {
    const batch = events.slice(index, index + batchSize).map((event) => ({ ...event, payload: sanitizePayload(event.type, event.payload) }));
    state = reduceTranscript(state, batch);
  }
  const elapsed = performance.now() - started;
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(
    `${label.padEnd(34)} ${String(events.length).padStart(7)} events  ${(events.length / (elapsed / 1000)).toFixed(0).padStart(9)} events/s  ` +
      `${elapsed.toFixed(0).padStart(6)} ms  heap +${((heapAfter - heapBefore) / 1048576).toFixed(1)} MiB  ${state.entries.length} entries`,
  );
}

console.log('Transcript hot path (sanitise + reduce), batched as the renderer does once per animation frame:');
measure('short session, 50 turns, batch 20', 50, 20);
measure('long session, 500 turns, batch 20', 500, 20);
measure('long session, 500 turns, batch 1', 500, 1);
