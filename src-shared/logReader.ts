import { WorkbenchError } from './errors';
import { importRecord, initialImportState, type ImportState } from './realtimeImport';
import { sanitizePayload, type SessionEvent } from './sessionEvent';
import { parseLogLine, versionWarning, type SessionLogFooter, type SessionLogHeader, type SkippedLine } from './sessionLog';

/**
 * Reads a saved session log or a raw Realtime event log from any byte source, in chunks: main reads files
 * with it, the page reads a file the user dropped or picked with it. Plain TypeScript, no Node or DOM.
 */

/** Where the bytes come from. */
export interface LogBytes {
  /** How the file is named in messages: a path in main, a file name in the page. */
  readonly name: string;
  readonly totalBytes: number;
  /** The file from its start, in chunks of any size. */
  chunks(): AsyncIterable<Uint8Array>;
  /** The first bytes, to tell a JSON array from JSONL. */
  head(count: number): Promise<Uint8Array>;
  /** The whole file as text (a JSON array must be parsed whole). */
  text(): Promise<string>;
}

/** A line longer than this is skipped (and counted) rather than held in memory. */
export const MAX_LINE_BYTES = 32 * 1024 * 1024;
/** A JSON array must be parsed whole, so it has a size limit; JSONL has none. */
export const MAX_JSON_ARRAY_BYTES = 256 * 1024 * 1024;
/** If this many lines from the start are unreadable, the file is not a log; stop rather than scan gigabytes. */
const GIVE_UP_AFTER_BAD_LINES = 1_000;

export type LogSource = 'session-log' | 'realtime-import';

export interface LogChunk {
  readonly events: readonly SessionEvent[];
  readonly skipped: readonly SkippedLine[];
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly done: boolean;
}

export interface OpenedLog {
  readonly name: string;
  readonly totalBytes: number;
  /** Set once the first chunk has been read: the header of a saved session, absent for an import. */
  header(): SessionLogHeader | undefined;
  footer(): SessionLogFooter | undefined;
  source(): LogSource | undefined;
  /** Warnings for the whole file so far (a newer format version), in words for the user. */
  warnings(): readonly string[];
  /** The next chunk of at most `maxEvents` events; the last one has `done: true`. */
  next(maxEvents?: number): Promise<LogChunk>;
  close(): void;
}

function formatLimit(bytes: number): string {
  return bytes >= 1048576 ? `${bytes / 1048576} MiB` : `${bytes} bytes`;
}

function describeSkip(skip: SkippedLine): string {
  return `line ${skip.line} ${skip.reason}`;
}

export function unreadable(name: string, detail: string): WorkbenchError {
  return new WorkbenchError('log_unreadable', `${name} ${detail}`);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

interface Line {
  readonly text: string;
  readonly number: number;
  readonly end: number;
  readonly tooLong: boolean;
}

/** Splits a byte stream into lines without holding more than one line (up to MAX_LINE_BYTES) in memory. */
async function* linesOf(bytes: LogBytes, maxLineBytes: number): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8');
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let number = 0;
  let offset = 0;
  for await (const chunk of bytes.chunks()) {
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, newline);
      const text = tooLong ? '' : decoder.decode(concat([...pending, piece]));
      number += 1;
      offset += newline - start + 1;
      const overLimit = tooLong || pendingBytes + piece.length > maxLineBytes;
      yield { text: text.endsWith('\r') ? text.slice(0, -1) : text, number, end: offset, tooLong: overLimit };
      pending = [];
      pendingBytes = 0;
      tooLong = false;
      start = newline + 1;
    }
    const rest = chunk.subarray(start);
    offset += rest.length;
    if (tooLong) continue;
    pendingBytes += rest.length;
    if (pendingBytes > maxLineBytes) {
      tooLong = true;
      pending = [];
    } else if (rest.length > 0) pending.push(rest.slice());
  }
  if (pendingBytes > 0 || tooLong) {
    number += 1;
    yield { text: decoder.decode(concat(pending)), number, end: offset, tooLong };
  }
}

/**
 * Opens a saved session log or a raw Realtime event log for reading in chunks. Never writes. Bad lines (a
 * truncated last line after a crash, invalid JSON, unknown shapes) are skipped and reported with their line
 * numbers; only a source with nothing readable at all is an error, named with its first bad line.
 */
export async function readLog(bytes: LogBytes, { maxLineBytes = MAX_LINE_BYTES } = {}): Promise<OpenedLog> {
  const path = bytes.name;
  if (bytes.totalBytes === 0) throw unreadable(path, 'is empty: there is nothing to replay.');
  const isJsonArray = /^\s*\[/.test(new TextDecoder().decode(await bytes.head(64)));
  if (isJsonArray && bytes.totalBytes > MAX_JSON_ARRAY_BYTES)
    throw unreadable(
      path,
      `is a JSON array of ${Math.round(bytes.totalBytes / 1048576)} MiB; arrays over ${MAX_JSON_ARRAY_BYTES / 1048576} MiB cannot be imported. Convert it to one event per line (JSONL).`,
    );
  const shortName = path.split(/[\\/]/).pop() ?? path;

  let header: SessionLogHeader | undefined;
  let footer: SessionLogFooter | undefined;
  let source: LogSource | undefined;
  const warnings: string[] = [];
  let importState: ImportState = initialImportState;
  let bytesRead = 0;
  let readable = 0;
  let skippedTotal = 0;
  let firstSkip: SkippedLine | undefined;
  let closed = false;
  const lines: AsyncGenerator<Line & { value?: unknown }> = isJsonArray ? arrayRecords(bytes) : linesOf(bytes, maxLineBytes);
  let finished = false;

  /** One line or array element → events, skipped lines and the header/footer, by what the file turned out to be. */
  function take(line: Line & { value?: unknown }, events: SessionEvent[], skipped: SkippedLine[]): void {
    const imported = (value: unknown) => {
      source = 'realtime-import';
      const result = importRecord(value, importState);
      if ('reason' in result) return skipped.push({ line: line.number, reason: result.reason });
      importState = result.state;
      readable += 1;
      events.push({ ...result.event, payload: sanitizePayload(result.event.type, result.event.payload) });
    };
    if (line.tooLong) return void skipped.push({ line: line.number, reason: `is longer than ${formatLimit(maxLineBytes)}` });
    if ('value' in line) return void imported(line.value);
    if (line.text.trim() === '') return;
    const parsed = parseLogLine(line.text);
    if (source === 'realtime-import') {
      if (parsed.kind === 'bad' && !parsed.reason.startsWith('is not a session event')) skipped.push({ line: line.number, reason: parsed.reason });
      else imported(JSON.parse(line.text));
      return;
    }
    switch (parsed.kind) {
      case 'header':
        if (source !== undefined) return void skipped.push({ line: line.number, reason: 'repeats the header' });
        header = parsed.header;
        source = 'session-log';
        readable += 1;
        if (versionWarning(parsed.header)) warnings.push(`${shortName} ${versionWarning(parsed.header)}`);
        return;
      case 'event':
        source = 'session-log';
        readable += 1;
        return void events.push(parsed.event);
      case 'footer':
        footer = parsed.footer;
        return;
      case 'unknown-record':
        return;
      case 'bad':
        // A first record that is JSON but not ours is a raw Realtime event log: import it.
        if (source === undefined && parsed.reason.startsWith('is not a session event')) return void imported(JSON.parse(line.text));
        return void skipped.push({ line: line.number, reason: parsed.reason });
    }
  }

  return {
    name: shortName,
    totalBytes: bytes.totalBytes,
    header: () => header,
    footer: () => footer,
    source: () => source,
    warnings: () => warnings,
    async next(maxEvents = 2_000) {
      const events: SessionEvent[] = [];
      const skipped: SkippedLine[] = [];
      while (!finished && !closed && events.length < maxEvents) {
        const step = await lines.next();
        if (step.done) {
          finished = true;
          break;
        }
        bytesRead = step.value.end;
        const skippedBefore = skipped.length;
        take(step.value, events, skipped);
        if (skipped.length > skippedBefore) skippedTotal += 1;
        if (readable === 0 && skippedTotal >= GIVE_UP_AFTER_BAD_LINES) {
          throw unreadable(
            path,
            `is not a session log or a Realtime event log: none of its first ${skippedTotal} lines could be read (${describeSkip(firstSkip ?? skipped[0]!)}).`,
          );
        }
        firstSkip ??= skipped[0];
      }
      if (finished && readable === 0) {
        const first = firstSkip ?? skipped[0];
        throw unreadable(
          path,
          first ? `is not a session log or a Realtime event log: nothing in it could be read (${describeSkip(first)}).` : 'holds no events.',
        );
      }
      return { events, skipped, bytesRead: finished ? bytes.totalBytes : bytesRead, totalBytes: bytes.totalBytes, done: finished || closed };
    },
    close() {
      closed = true;
      void lines.return(undefined);
    },
  };
}

/** The elements of a JSON-array log, one per "line" (the element's index + 1). */
async function* arrayRecords(bytes: LogBytes): AsyncGenerator<Line & { value: unknown }> {
  const text = await bytes.text();
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw unreadable(bytes.name, `looks like a JSON array but is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const array = values as unknown[];
  for (let index = 0; index < array.length; index += 1) {
    yield { text: '', number: index + 1, end: Math.round(((index + 1) / array.length) * text.length), tooLong: false, value: array[index] };
  }
}
