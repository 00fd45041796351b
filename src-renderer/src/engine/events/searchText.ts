import { summarizeEvent } from '../../../../src-shared/eventSummary';
import type { SessionEvent } from '../../../../src-shared/sessionEvent';

/** How much of a payload's JSON the search covers; payloads are small once audio is replaced by its size. */
export const SEARCHED_PAYLOAD_CHARS = 4_096;

/**
 * The characters beyond Latin-1 that the app writes itself, and the ASCII a person types for them: summaries quote
 * with “ ” and clip with …, handoffs and tool modes point with →, and app events, errors and prompts use – — ’.
 */
const asciiFor: Readonly<Record<string, string>> = {
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '…': '...',
  '→': '->',
  '←': '<-',
  '–': '-',
  '—': '-',
  '−': '-',
  '≤': '<=',
  '≥': '>=',
};
const typographic = new RegExp(`[${Object.keys(asciiFor).join('')}]`, 'g');

/**
 * What search compares, for the text searched and the term typed alike: lower case, with the app's typographic
 * characters as ASCII, so a term typed with “ or … finds what it finds typed with " or ..., and the app's own
 * words never need two bytes a character.
 */
export function searchFormOf(text: string): string {
  return text.toLowerCase().replace(typographic, (character) => asciiFor[character]!);
}

/** What search matches for one event: type, direction, the one-line summary and the payload's JSON, in search form. */
export function searchTextOf(event: SessionEvent): string {
  const payload = JSON.stringify(event.payload);
  return searchFormOf(
    `${event.type} ${event.direction} ${summarizeEvent(event)} ${payload.length > SEARCHED_PAYLOAD_CHARS ? payload.slice(0, SEARCHED_PAYLOAD_CHARS) : payload}`,
  );
}

const beyondLatin1 = /[^\0-\xff]/;

/**
 * `text` stored in one byte per character when all its characters fit. V8 stores a string in two bytes per
 * character when any string it was made of was, whatever characters are left: a summary's “ ” makes its line
 * two-byte, and the lines joined with it, even once folded to ASCII. Parsing the text back from JSON copies it
 * character by character, one byte each where all fit. Text that needs two bytes (a user writing in Greek, an
 * emoji) keeps them, and so does its chunk.
 */
function inOneByteWherePossible(text: string): string {
  return beyondLatin1.test(text) ? text : (JSON.parse(JSON.stringify(text)) as string);
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
  return { text: inOneByteWherePossible(lines.join('')), ends };
}
