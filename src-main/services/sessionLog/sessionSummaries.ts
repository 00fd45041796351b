import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import type { SessionSummary } from '../../../src-shared/sessionLibrary';
import { accumulateStats, emptyStats, parseLogLine, type SessionStats } from '../../../src-shared/sessionLog';
import { audioFileOf, logFileOf, metaFileOf } from './sessionFiles';
import { openLog } from './sessionLogReader';

const HEADER_PROBE_BYTES = 4 * 1024 * 1024;
const FOOTER_PROBE_BYTES = 64 * 1024;

/** What a summary needs of a session still recording: its writer's live figures. */
export interface LiveLog {
  stats(): SessionStats;
  problem(): string | undefined;
}

interface CachedSummary {
  readonly size: number;
  readonly mtimeMs: number;
  readonly summary: SessionSummary;
}

interface Meta {
  readonly title?: string;
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

async function readMeta(folder: string, id: string): Promise<Meta> {
  try {
    return JSON.parse(await readFile(metaFileOf(folder, id), 'utf8')) as Meta;
  } catch {
    return {};
  }
}

/**
 * The figures the Sessions panel shows for each log in the sessions folder, read from its header, its last
 * line and its events; a log still recording is summarised from its writer instead. A saved log's figures
 * are kept while its size and modification time stay the same, so listing again does not reread every file.
 */
export class SessionSummaries {
  private readonly cache = new Map<string, CachedSummary>();

  constructor(
    private readonly folder: string,
    private readonly live: (id: string) => LiveLog | undefined,
  ) {}

  async summarise(id: string): Promise<SessionSummary> {
    const file = logFileOf(this.folder, id);
    const info = await stat(file);
    const meta = await readMeta(this.folder, id);
    const hasAudio = await stat(audioFileOf(file)).then(
      () => true,
      () => false,
    );
    const recording = this.live(id);
    const cached = this.cache.get(id);
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
      stats = recording.stats();
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
      ...(header.testRun ? { testRun: header.testRun } : {}),
      durationMs: stats.durationMs,
      turns: stats.turns,
      events: stats.events,
      state,
      problem: recording?.problem() ?? null,
    };
    if (!recording) this.cache.set(id, { size: info.size, mtimeMs: info.mtimeMs, summary });
    return summary;
  }

  /** Forgets a deleted log, so a new file of the same name is read afresh. */
  forget(id: string): void {
    this.cache.delete(id);
  }
}
