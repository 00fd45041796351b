import { randomUUID } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { WorkbenchError } from '../../../src-shared/errors';
import type { LogRef, SessionList, SessionSummary } from '../../../src-shared/sessionLibrary';
import { SESSION_LOG_EXTENSION } from '../../../src-shared/sessionLog';
import { writeFileAtomic } from '../atomicFile';
import type { ChangeNotifier } from './changeNotifier';
import { audioFileOf, imagesFolderOf, logFileOf, metaFileOf } from './sessionFiles';
import { SessionSummaries, type LiveLog } from './sessionSummaries';

export interface SessionCatalogOptions {
  readonly folder: string;
  /** The live figures of the session recording into log `id`, if one is. */
  readonly live: (id: string) => LiveLog | undefined;
  readonly changes: ChangeNotifier;
}

function matches(summary: SessionSummary, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (needle === '') return true;
  return [summary.title, summary.preview, summary.scenarioId, summary.scenarioName, summary.id].some((text) => text?.toLowerCase().includes(needle));
}

/**
 * What is in the sessions folder and which other files the page may open: lists and searches the saved
 * sessions, renames them (a sidecar title; the log itself is never rewritten), deletes them with their
 * sidecars, and turns a saved session's id or a granted file into the path to read.
 */
export class SessionCatalog {
  readonly folder: string;
  private readonly grants = new Map<string, string>();
  private readonly summaries: SessionSummaries;

  constructor(private readonly options: SessionCatalogOptions) {
    this.folder = options.folder;
    this.summaries = new SessionSummaries(options.folder, options.live);
  }

  pathOf(id: string): string {
    return logFileOf(this.folder, id);
  }

  /** Lets the page open this file (command line, Open dialog, bundled sample) without ever naming a path itself. */
  grant(path: string): string {
    const grant = randomUUID();
    this.grants.set(grant, path);
    return grant;
  }

  /** The log a replay or audio request means: a saved session by id, or a file granted earlier. */
  logPathOf(ref: LogRef): string {
    const path = 'id' in ref ? this.pathOf(ref.id) : this.grants.get(ref.grant);
    if (path === undefined) throw new WorkbenchError('session_unknown', 'That file is no longer available to open; open it again.', 'grant');
    return path;
  }

  async list(query = ''): Promise<SessionList> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    const ids = names.filter((name) => name.endsWith(SESSION_LOG_EXTENSION)).map((name) => basename(name, SESSION_LOG_EXTENSION));
    const summaries = await Promise.all(ids.map((id) => this.summaries.summarise(id).catch(() => undefined)));
    const sessions = summaries
      .filter((summary): summary is SessionSummary => summary !== undefined && matches(summary, query))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    return { folder: this.folder, sessions };
  }

  async rename(id: string, title: string): Promise<SessionSummary> {
    await this.mustExist(id);
    await writeFileAtomic(metaFileOf(this.folder, id), `${JSON.stringify({ title: title.trim() }, null, 2)}\n`);
    this.options.changes.now();
    return this.summaries.summarise(id);
  }

  async remove(id: string): Promise<void> {
    if (this.options.live(id))
      throw new WorkbenchError('invalid_request', 'This session is still recording; disconnect it before deleting its log.', 'id');
    await this.mustExist(id);
    const file = this.pathOf(id);
    await Promise.all([
      ...[file, audioFileOf(file), metaFileOf(this.folder, id)].map((path) => rm(path, { force: true })),
      rm(imagesFolderOf(file), { force: true, recursive: true }),
    ]);
    this.summaries.forget(id);
    this.options.changes.now();
  }

  private async mustExist(id: string): Promise<void> {
    await stat(this.pathOf(id)).catch(() => {
      throw new WorkbenchError('session_unknown', `There is no saved session ${id} in ${this.folder}.`, 'id');
    });
  }
}
