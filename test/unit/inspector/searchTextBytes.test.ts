import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { readLog } from '../../../src-shared/logReader';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { EventLog } from '../../../src-renderer/src/engine/events/eventLog';
import { IncrementalFilter, defaultFilter } from '../../../src-renderer/src/engine/events/eventFilter';
import { buildSearchLines } from '../../../src-renderer/src/engine/events/searchText';
import { SAMPLE } from '../scenarioTests/sampleSession';

/** The bundled sample session, read as the app reads a log the user opens. */
async function sampleEvents(): Promise<SessionEvent[]> {
  const file = readFileSync(SAMPLE);
  const opened = await readLog({
    name: SAMPLE,
    totalBytes: file.length,
    chunks: async function* () {
      yield file;
    },
    head: async (count) => file.subarray(0, count),
    text: async () => file.toString('utf8'),
  });
  const events: SessionEvent[] = [];
  for (let chunk = await opened.next(); ; chunk = await opened.next()) {
    events.push(...chunk.events);
    if (chunk.done) return events;
  }
}

/**
 * Whether V8 holds `text` in one byte per character, read from the form the worker's reply travels in: after the
 * two header bytes (and the padding a two-byte string is aligned with) comes `"` for one byte a character, `c` for two.
 */
function heldInOneByte(text: string): boolean {
  const bytes = serialize(text);
  let at = 2;
  while (bytes[at] === 0) at += 1;
  return bytes[at] === '"'.charCodeAt(0);
}

const beyondLatin1 = (text: string) => [...text].filter((character) => character.codePointAt(0)! > 0xff);

function searchedText(events: readonly SessionEvent[]): string {
  return buildSearchLines(structuredClone(events)).text;
}

let nextSeq = 0;
const event = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown>): SessionEvent => {
  const seq = nextSeq++;
  return { seq, t: seq * 10, direction, type, payload };
};

/** The app's own words: a quoted message, a handoff's arrow, a clipped step, a redacted key, a dash in an error. */
const appWords = [
  event('client', 'conversation.item.create', {
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Where is my order?' }] },
  }),
  event('app', 'agent.changed', { from: 'authentication', to: 'returns', reason: 'handoff' }),
  event('app', 'session.state', { status: 'connecting', step: 'Minting a session secret…' }),
  event('app', 'supervisor.error', { toolName: 'lookupOrders', message: 'The key sk-…redacted was refused — 401' }),
];
/** Words from the conversation itself that need more than Latin-1. */
const conversationWords = [
  event('server', 'response.output_audio_transcript.done', { item_id: 'item_1', transcript: 'Καλημέρα! Η επιστροφή σας εγκρίθηκε 📦' }),
  event('server', 'response.output_text.done', { item_id: 'item_2', text: '注文番号は 206 です' }),
];

function seqsFound(events: readonly SessionEvent[], text: string): number[] {
  const log = new EventLog();
  log.append(events);
  const rows = new IncrementalFilter(log, { ...defaultFilter, fold: false, text }).update(log.length);
  return rows.indices.slice(0, rows.length).map((index) => log.at(index)!.seq);
}

describe('search text held in one byte per character', () => {
  it('builds the sample session’s search text, as the worker answers it, with no character beyond Latin-1, held in one byte each', async () => {
    const events = await sampleEvents();
    expect(events.length).toBeGreaterThan(100);
    const text = searchedText(events);
    expect(beyondLatin1(text)).toEqual([]);
    expect(heldInOneByte(text)).toBe(true);
    expect(heldInOneByte(searchedText(appWords))).toBe(true);
  });

  it.each([
    ['the quoted message', '“where is my order?”', '"where is my order?"', 0],
    ['the handoff', 'authentication → returns', 'authentication -> returns', 1],
    ['the clipped step', 'secret…', 'secret...', 2],
    ['the redacted key', 'sk-…redacted', 'sk-...redacted', 3],
    ['the dashed error', 'refused — 401', 'refused - 401', 3],
  ])('finds %s whether the term is typed with typographic characters or with ASCII', (_, typographic, ascii, seq) => {
    expect(seqsFound(appWords, typographic)).toEqual([seq]);
    expect(seqsFound(appWords, ascii)).toEqual([seq]);
    expect(seqsFound(appWords, typographic.toUpperCase())).toEqual([seq]);
  });

  it('still finds words beyond Latin-1 from the conversation, in any case, in a chunk that then needs two bytes', () => {
    const events = [...appWords, ...conversationWords];
    expect(seqsFound(events, 'καλημέρα')).toEqual([4]);
    expect(seqsFound(events, 'ΚΑΛΗΜΈΡΑ')).toEqual([4]);
    expect(seqsFound(events, 'εγκρίθηκε 📦')).toEqual([4]);
    expect(seqsFound(events, '注文番号')).toEqual([5]);
    expect(seqsFound(events, '“where')).toEqual([0]);
    expect(heldInOneByte(searchedText(events))).toBe(false);
  });
});
