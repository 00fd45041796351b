import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WorkbenchError } from '../../../src-shared/errors';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import {
  accumulateStats,
  emptyStats,
  parseLogLine,
  SESSION_LOG_EXTENSION,
  SESSION_LOG_FORMAT,
  SESSION_LOG_VERSION,
  type SessionLogFooter,
  type SessionLogHeader,
  type SessionStats,
} from '../../../src-shared/sessionLog';
import type { LogChunkMessage, LogRef, LogWriteStatus, SessionList, SessionSummary } from '../../../src-shared/sessionLibrary';
import type { Settings } from '../../../src-shared/settings';
import type { z } from 'zod';
import type { logBeginSchema } from '../../../src-shared/sessionLibrary';
import { SESSION_AUDIO_CHANNELS, SESSION_AUDIO_SAMPLE_RATE } from '../../../src-shared/wavFile';
import { writeFileAtomic } from '../atomicFile';
import { openSessionAudioWriter, type SessionAudioWriter } from './sessionAudioWriter';
import { openLog, type OpenedLog } from './sessionLogReader';
import { openSessionLogWriter, type SessionLogWriter } from './sessionLogWriter';

export type LogBegin = z.output<typeof logBeginSchema>;

export interface SessionLibraryOptions {
  readonly folder: string;
  readonly appVersion: string;
  readonly settings: () => Settings;
  readonly redact: (event: SessionEvent) => SessionEvent;
  readonly log: (line: string) => void;
}

/** Readers left idle this long are closed, so an abandoned replay does not hold a file open. */
const READER_IDLE_MS = 5 * 60_000;
/** While a session records, the library tells views it changed at most this often. */
const CHANGE_THROTTLE_MS = 1_000;
const HEADER_PROBE_BYTES = 4 * 1024 * 1024;
const FOOTER_PROBE_BYTES = 64 * 1024;

interface CachedSummary {
  readonly size: number;
  readonly mtimeMs: number;
  readonly summary: SessionSummary;
}

interface Recording {
  readonly id: string;
  readonly writer: SessionLogWriter;
  /** The WAV beside the log, when the page records audio and the file could be created. */
  readonly audio: SessionAudioWriter | undefined;
  /** Why this session has no audio although it was asked for (the WAV could not be created). */
  readonly audioProblem: string | undefined;
}

/** The recording beside a log: the same name with `.wav` for `.jsonl`. */
function audioPathOf(logPath: string): string {
  return join(dirname(logPath), `${basename(logPath, SESSION_LOG_EXTENSION)}.wav`);
}

interface Meta {
  readonly title?: string;
}

export interface SessionLibrary {
  readonly folder: string;
  begin(request: LogBegin): Promise<LogWriteStatus>;
  append(sessionId: string, events: readonly SessionEvent[]): LogWriteStatus;
  /** Adds interleaved stereo PCM at `startFrame` (the log's clock at 24 kHz) to the session's WAV. */
  appendAudio(sessionId: string, startFrame: number, pcm: Uint8Array): LogWriteStatus;
  end(sessionId: string, reason: SessionLogFooter['reason']): Promise<LogWriteStatus>;
  list(query?: string): Promise<SessionList>;
  rename(id: string, title: string): Promise<SessionSummary>;
  remove(id: string): Promise<void>;
  pathOf(id: string): string;
  /** Lets the page open this file (command line, Open dialog, bundled sample) without ever naming a path itself. */
  grant(path: string): string;
  openReader(ref: LogRef): Promise<{ readerId: string; name: string; path: string; totalBytes: number }>;
  read(readerId: string, maxEvents: number): Promise<LogChunkMessage>;
  closeReader(readerId: string): void;
  /** Up to `length` bytes of the WAV recorded beside a log, from `offset`. */
  readAudio(ref: LogRef, offset: number, length: number): Promise<{ data: Buffer; totalBytes: number }>;
  onChange(listener: () => void): () => void;
  /** Ends every session still recording (host shutting down) so their logs get footers. */
  close(): Promise<void>;
}

function stamp(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_PROBE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const newline = text.indexOf('\n');
    return newline === -1 ? text : text.slice(0, newline);
  } finally {
    await handle.close();
  }
}

async function readLastLine(path: string, size: number): Promise<string> {
  const start = Math.max(0, size - FOOTER_PROBE_BYTES);
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path, { start }) as AsyncIterable<Buffer>) chunks.push(chunk);
  const lines = Buffer.concat(chunks).toString('utf8').split('\n');
  for (let index = lines.length - 1; index >= 0; index -= 1) if (lines[index]!.trim() !== '') return lines[index]!;
  return '';
}

async function scanStats(path: string): Promise<SessionStats> {
  const reader = await openLog(path);
  let stats = emptyStats;
  try {
    for (;;) {
      const chunk = await reader.next(5_000);
      stats = accumulateStats(stats, chunk.events);
      if (chunk.done) return stats;
    }
  } finally {
    reader.close();
  }
}

function matches(summary: SessionSummary, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (needle === '') return true;
  return [summary.title, summary.preview, summary.scenarioId, summary.scenarioName, summary.id].some((text) => text?.toLowerCase().includes(needle));
}

/**
 * The `sessions/` folder: records live sessions (one writer each), lists what is saved with the figures
 * the Sessions panel shows, renames (a sidecar title, the log itself is never rewritten), deletes, and
 * opens logs for replay in chunks.
 */
export async function openSessionLibrary(options: SessionLibraryOptions): Promise<SessionLibrary> {
  const { folder } = options;
  const writers = new Map<string, Recording>();
  const readers = new Map<string, { log: OpenedLog; timer: ReturnType<typeof setTimeout> }>();
  const grants = new Map<string, string>();
  const cache = new Map<string, CachedSummary>();
  const listeners = new Set<() => void>();
  let changeTimer: ReturnType<typeof setTimeout> | undefined;

  function changed(immediately = false): void {
    if (immediately) {
      if (changeTimer !== undefined) clearTimeout(changeTimer);
      changeTimer = undefined;
      for (const listener of listeners) listener();
      return;
    }
    changeTimer ??= setTimeout(() => {
      changeTimer = undefined;
      for (const listener of listeners) listener();
    }, CHANGE_THROTTLE_MS);
  }

  function pathOf(id: string): string {
    return join(folder, `${id}${SESSION_LOG_EXTENSION}`);
  }

  async function readMeta(id: string): Promise<Meta> {
    try {
      return JSON.parse(await readFile(join(folder, `${id}.meta.json`), 'utf8')) as Meta;
    } catch {
      return {};
    }
  }

  function status({ id, writer, audio, audioProblem }: Recording): LogWriteStatus {
    return { id, file: writer.file, unsaved: writer.unsaved(), problem: writer.problem() ?? audio?.problem() ?? audioProblem ?? null };
  }

  function liveWriter(sessionId: string): Recording {
    const entry = writers.get(sessionId);
    if (!entry) throw new WorkbenchError('session_unknown', `No session ${sessionId} is being recorded; it may have ended already.`, 'sessionId');
    return entry;
  }

  async function summarise(id: string): Promise<SessionSummary> {
    const file = pathOf(id);
    const info = await stat(file);
    const meta = await readMeta(id);
    const hasAudio = await stat(join(folder, `${id}.wav`)).then(
      () => true,
      () => false,
    );
    const recording = [...writers.values()].find((entry) => entry.id === id);
    const cached = cache.get(id);
    if (!recording && cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs)
      return { ...cached.summary, title: meta.title ?? null, hasAudio };
    const base = { id, file, title: meta.title ?? null, sizeBytes: info.size, hasAudio };
    const head = parseLogLine(await readHead(file));
    if (head.kind !== 'header') {
      return {
        ...base,
        preview: null,
        scenarioId: '?',
        scenarioName: 'Not a session log',
        startedAt: new Date(info.mtimeMs).toISOString(),
        durationMs: 0,
        turns: 0,
        events: 0,
        state: 'unreadable',
        problem: `Line 1 of ${file} ${head.kind === 'bad' ? head.reason : 'is not a session log header'}.`,
      };
    }
    const header = head.header;
    let stats: SessionStats;
    let state: SessionSummary['state'];
    if (recording) {
      stats = recording.writer.stats();
      state = 'recording';
    } else {
      const tail = parseLogLine(await readLastLine(file, info.size));
      state = tail.kind === 'footer' ? 'complete' : 'crashed';
      stats = await scanStats(file);
    }
    const summary: SessionSummary = {
      ...base,
      preview: stats.firstUserText ?? null,
      scenarioId: header.scenario.id,
      scenarioName: header.scenario.name,
      startedAt: header.startedAt,
      durationMs: stats.durationMs,
      turns: stats.turns,
      events: stats.events,
      state,
      problem: recording?.writer.problem() ?? null,
    };
    if (!recording) cache.set(id, { size: info.size, mtimeMs: info.mtimeMs, summary });
    return summary;
  }

  function logPathOf(ref: LogRef): string {
    const path = 'id' in ref ? pathOf(ref.id) : grants.get(ref.grant);
    if (path === undefined) throw new WorkbenchError('session_unknown', 'That file is no longer available to open; open it again.', 'grant');
    return path;
  }

  async function readAudio(ref: LogRef, offset: number, length: number): Promise<{ data: Buffer; totalBytes: number }> {
    const file = audioPathOf(logPathOf(ref));
    const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
      throw new WorkbenchError(
        error.code === 'ENOENT' ? 'session_unknown' : 'io_error',
        error.code === 'ENOENT'
          ? `This session has no recorded audio: ${file} does not exist.`
          : `The session audio ${file} cannot be read (${error.code ?? error.message}).`,
      );
    });
    try {
      const { size } = await handle.stat();
      const data = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = data.length > 0 ? await handle.read(data, 0, data.length, offset) : { bytesRead: 0 };
      return { data: data.subarray(0, bytesRead), totalBytes: size };
    } finally {
      await handle.close();
    }
  }

  function touchReader(readerId: string): OpenedLog {
    const entry = readers.get(readerId);
    if (!entry)
      throw new WorkbenchError('session_unknown', 'This replay was closed (idle for 5 minutes or replaced). Open the session again.', 'readerId');
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => closeReader(readerId), READER_IDLE_MS);
    return entry.log;
  }

  function closeReader(readerId: string): void {
    const entry = readers.get(readerId);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.log.close();
    readers.delete(readerId);
  }

  return {
    folder,
    pathOf,
    async begin(request) {
      if (writers.has(request.sessionId))
        throw new WorkbenchError('invalid_request', `Session ${request.sessionId} is already being recorded.`, 'sessionId');
      await mkdir(folder, { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
        throw new WorkbenchError(
          'log_unwritable',
          `The sessions folder ${folder} cannot be created (${error.code ?? error.message}); this session will not be saved.`,
        );
      });
      const settings = options.settings();
      const id = `${stamp(request.startedAt)}_${request.scenario.id}_${request.sessionId.slice(0, 8)}`;
      const audioFile = audioPathOf(pathOf(id));
      let audio: SessionAudioWriter | undefined;
      let audioProblem: string | undefined;
      if (request.recordAudio === true) {
        // The WAV first, so the header names it only if it exists.
        audio = await openSessionAudioWriter({
          file: audioFile,
          onProblem: (problem) => {
            if (problem) options.log(problem);
            changed(true);
          },
        }).catch((error: NodeJS.ErrnoException) => {
          audioProblem = `The session audio ${audioFile} cannot be created (${error.code ?? error.message}); this session is saved without audio.`;
          options.log(audioProblem);
          return undefined;
        });
      }
      const header: SessionLogHeader = {
        record: 'header',
        format: SESSION_LOG_FORMAT,
        version: SESSION_LOG_VERSION,
        sessionId: request.sessionId,
        appVersion: options.appVersion,
        startedAt: request.startedAt,
        scenario: request.scenario,
        models: {
          realtime: request.realtimeModel,
          supervisor: settings.supervisorModel,
          escalation: settings.escalationModel,
          guardrail: settings.guardrailModel,
        },
        setup: request.setup,
        audio: audio
          ? {
              file: basename(audioFile),
              sampleRate: SESSION_AUDIO_SAMPLE_RATE,
              channels: SESSION_AUDIO_CHANNELS,
              layout: ['microphone', 'assistant'],
            }
          : null,
      };
      const writer = await openSessionLogWriter({
        file: pathOf(id),
        header,
        redact: options.redact,
        onProblem: (problem) => {
          if (problem) options.log(problem);
          changed(true);
        },
        onFlushed: () => changed(),
      }).catch(async (error: NodeJS.ErrnoException) => {
        await audio?.close();
        await rm(audioFile, { force: true });
        throw new WorkbenchError(
          'log_unwritable',
          `The session log ${pathOf(id)} cannot be created (${error.code ?? error.message}); this session will not be saved.`,
        );
      });
      const recording: Recording = { id, writer, audio, audioProblem };
      writers.set(request.sessionId, recording);
      changed(true);
      return status(recording);
    },
    append(sessionId, events) {
      const recording = liveWriter(sessionId);
      recording.writer.append(events);
      return status(recording);
    },
    appendAudio(sessionId, startFrame, pcm) {
      const recording = liveWriter(sessionId);
      if (!recording.audio && recording.audioProblem === undefined)
        throw new WorkbenchError('invalid_request', `Session ${sessionId} was begun without audio recording; its audio is not kept.`, 'sessionId');
      recording.audio?.write(startFrame, pcm);
      return status(recording);
    },
    async end(sessionId, reason) {
      const recording = liveWriter(sessionId);
      writers.delete(sessionId);
      await Promise.all([recording.writer.close(reason), recording.audio?.close()]);
      changed(true);
      return status(recording);
    },
    async list(query = '') {
      const names = await readdir(folder).catch(() => [] as string[]);
      const ids = names.filter((name) => name.endsWith(SESSION_LOG_EXTENSION)).map((name) => basename(name, SESSION_LOG_EXTENSION));
      const summaries = await Promise.all(ids.map((id) => summarise(id).catch(() => undefined)));
      const sessions = summaries
        .filter((summary): summary is SessionSummary => summary !== undefined && matches(summary, query))
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      return { folder, sessions };
    },
    async rename(id, title) {
      await stat(pathOf(id)).catch(() => {
        throw new WorkbenchError('session_unknown', `There is no saved session ${id} in ${folder}.`, 'id');
      });
      await writeFileAtomic(join(folder, `${id}.meta.json`), `${JSON.stringify({ title: title.trim() }, null, 2)}\n`);
      changed(true);
      return summarise(id);
    },
    async remove(id) {
      if ([...writers.values()].some((entry) => entry.id === id))
        throw new WorkbenchError('invalid_request', 'This session is still recording; disconnect it before deleting its log.', 'id');
      await stat(pathOf(id)).catch(() => {
        throw new WorkbenchError('session_unknown', `There is no saved session ${id} in ${folder}.`, 'id');
      });
      await Promise.all([pathOf(id), join(folder, `${id}.wav`), join(folder, `${id}.meta.json`)].map((file) => rm(file, { force: true })));
      cache.delete(id);
      changed(true);
    },
    grant(path) {
      const grant = randomUUID();
      grants.set(grant, path);
      return grant;
    },
    async openReader(ref) {
      const path = logPathOf(ref);
      const log = await openLog(path);
      const readerId = randomUUID();
      readers.set(readerId, { log, timer: setTimeout(() => closeReader(readerId), READER_IDLE_MS) });
      return { readerId, name: log.name, path, totalBytes: log.totalBytes };
    },
    async read(readerId, maxEvents) {
      const log = touchReader(readerId);
      let chunk;
      try {
        chunk = await log.next(maxEvents);
      } catch (error) {
        closeReader(readerId);
        throw error;
      }
      if (chunk.done) closeReader(readerId);
      const footer = log.footer();
      return {
        ...chunk,
        events: [...chunk.events],
        skipped: [...chunk.skipped],
        source: log.source() ?? null,
        header: log.header() ?? null,
        ended: footer ? { reason: footer.reason, endedAt: footer.endedAt } : null,
        warnings: [...log.warnings()],
      };
    },
    closeReader,
    readAudio,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      for (const [sessionId, { writer, audio }] of writers) {
        writers.delete(sessionId);
        await writer.close('host-closed').catch(() => undefined);
        await audio?.close().catch(() => undefined);
      }
      for (const readerId of [...readers.keys()]) closeReader(readerId);
      if (changeTimer !== undefined) clearTimeout(changeTimer);
    },
  };
}
