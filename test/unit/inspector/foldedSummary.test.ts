import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { EventLog } from '../../../src-renderer/src/engine/events/eventLog';
import { IncrementalFilter, defaultFilter } from '../../../src-renderer/src/engine/events/eventFilter';
import { cachedFoldedSummary } from '../../../src-renderer/src/views/inspector/foldedSummary';

const events = (...steps: [SessionEvent['direction'], string, Record<string, unknown>][]): SessionEvent[] =>
  steps.map(([direction, type, payload], seq) => ({ seq, t: seq * 10, direction, type, payload }));

/** Each row of the inspector's default (folded) view, as its summary reads. */
function rowSummaries(stream: readonly SessionEvent[]): string[] {
  const log = new EventLog();
  log.append(stream);
  const rows = new IncrementalFilter(log, defaultFilter).update(log.length);
  return Array.from({ length: rows.length }, (_, row) => {
    const index = rows.indices[row]!;
    return `${log.at(index)!.type}: ${rows.foldedAt(row) > 1 ? cachedFoldedSummary(log, index, rows, row) : log.summaryAt(index)}`;
  });
}

describe('the summary of a folded delta row in the inspector', () => {
  it('spells out a tool call’s whole arguments from its deltas, as it does a reply’s words', () => {
    expect(
      rowSummaries(
        events(
          ['server', 'response.function_call_arguments.delta', { item_id: 'fc_1', delta: '{"phone' }],
          ['server', 'response.function_call_arguments.delta', { item_id: 'fc_1', delta: 'Number":' }],
          ['server', 'response.function_call_arguments.delta', { item_id: 'fc_1', delta: '"206"}' }],
          ['server', 'response.output_audio_transcript.delta', { item_id: 'a1', content_index: 0, delta: 'Let me ' }],
          ['server', 'response.output_audio_transcript.delta', { item_id: 'a1', content_index: 0, delta: 'check.' }],
        ),
      ),
    ).toEqual(['response.function_call_arguments.delta: “{"phoneNumber":"206"}”', 'response.output_audio_transcript.delta: “Let me check.”']);
  });

  it('shows the first delta’s summary for deltas that spell nothing out (microphone audio)', () => {
    expect(
      rowSummaries(
        events(
          ['client', 'input_audio_buffer.append', { audio: '[480 bytes of audio]' }],
          ['client', 'input_audio_buffer.append', { audio: '[480 bytes of audio]' }],
        ),
      ),
    ).toEqual(['input_audio_buffer.append: ']);
  });
});
