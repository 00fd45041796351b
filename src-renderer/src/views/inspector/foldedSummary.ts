import type { EventLog } from '../../engine/events/eventLog';
import type { FilteredRows } from '../../engine/events/eventFilter';

/** Deltas whose pieces spell out one string (words, or a tool call's arguments): a folded row shows it whole. */
const SPELLING_DELTAS = new Set([
  'response.output_audio_transcript.delta',
  'response.output_text.delta',
  'response.function_call_arguments.delta',
  'conversation.item.input_audio_transcription.delta',
]);
/** How far a folded row looks ahead for its deltas' text; enough for a long answer, bounded for a huge log. */
const FOLD_LOOKAHEAD = 20_000;

/** A folded row's summary: the string its deltas spelled out, or the first delta's summary. */
function foldedSummary(log: EventLog, index: number, rows: FilteredRows, row: number): string {
  const first = log.at(index)!;
  if (!SPELLING_DELTAS.has(first.type)) return log.summaryAt(index);
  const group = log.foldIdAt(index);
  let text = '';
  let found = 0;
  for (let at = index; at < Math.min(log.length, index + FOLD_LOOKAHEAD) && found < rows.foldedAt(row); at += 1) {
    if (log.foldIdAt(at) !== group) continue;
    const delta = log.at(at)!.payload['delta'];
    if (typeof delta === 'string') text += delta;
    found += 1;
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > 80 ? `${flat.slice(0, 79)}…` : flat}”`;
}

/** Each folded row's summary, by log and first event, for the count it was made at: a long answer's row is not re-spelled every frame. */
const foldedSummaries = new WeakMap<EventLog, Map<number, { folded: number; summary: string }>>();

/** The summary of an inspector row that stands for several deltas of one item. */
export function cachedFoldedSummary(log: EventLog, index: number, rows: FilteredRows, row: number): string {
  let cache = foldedSummaries.get(log);
  if (!cache) foldedSummaries.set(log, (cache = new Map()));
  const folded = rows.foldedAt(row);
  const cached = cache.get(index);
  if (cached?.folded === folded) return cached.summary;
  const summary = foldedSummary(log, index, rows, row);
  cache.set(index, { folded, summary });
  return summary;
}
