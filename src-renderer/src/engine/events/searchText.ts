import { summarizeEvent } from '../../../../src-shared/eventSummary';
import type { SessionEvent } from '../../../../src-shared/sessionEvent';

/** How much of a payload's JSON the search covers; payloads are small once audio is replaced by its size. */
export const SEARCHED_PAYLOAD_CHARS = 4_096;

/** What search matches for one event: type, direction, the one-line summary and the payload's JSON, in lower case. */
export function searchTextOf(event: SessionEvent): string {
  const payload = JSON.stringify(event.payload);
  return `${event.type} ${event.direction} ${summarizeEvent(event)} ${payload.length > SEARCHED_PAYLOAD_CHARS ? payload.slice(0, SEARCHED_PAYLOAD_CHARS) : payload}`.toLowerCase();
}

/** The search text of consecutive events, one line each, and where each line ends in `text`. */
export interface SearchLines {
  readonly text: string;
  readonly ends: Uint32Array<ArrayBuffer>;
}

/** Builds the search lines of `events`; the same on the main thread and in the search worker. */
export function buildSearchLines(events: readonly SessionEvent[]): SearchLines {
  const lines = new Array<string>(events.length);
  const ends = new Uint32Array(events.length);
  let at = 0;
  for (let index = 0; index < events.length; index += 1) {
    const line = `${searchTextOf(events[index]!)}\n`;
    lines[index] = line;
    at += line.length;
    ends[index] = at;
  }
  return { text: lines.join(''), ends };
}

/** What the page sends the search worker: events whose search lines it wants, numbered so the answer finds its way back. */
export interface SearchTextRequest {
  readonly id: number;
  readonly events: readonly SessionEvent[];
}

export interface SearchTextReply extends SearchLines {
  readonly id: number;
}

/** The search worker's whole job, kept apart from its message glue so it runs (and is tested) anywhere. */
export function answerSearchTextRequest(request: SearchTextRequest): SearchTextReply {
  return { id: request.id, ...buildSearchLines(request.events) };
}
