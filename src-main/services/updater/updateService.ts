import type { UpdateStatus } from '../../../src-shared/contract';
import type { Updatability } from './updatability';

/** The part of electron-updater's `autoUpdater` the service drives (injected, so tests drive a fake). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-not-available' | 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (info: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Resolves null when the updater does not run in this build; with autoDownload, the download runs on in `downloadPromise`. */
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(): void;
}

/** What the updater reports, as the state machine reads it. */
export type UpdateEvent =
  | { kind: 'checking' }
  | { kind: 'not-available' }
  | { kind: 'available'; version: string }
  | { kind: 'progress'; percent: number }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error'; message: string }
  | { kind: 'inactive'; reason: string };

export const initialUpdateStatus: UpdateStatus = { state: 'idle', words: 'Not checked yet' };

export function unavailableStatus(reason: string): UpdateStatus {
  return { state: 'unavailable', words: 'Updates are not available for this build', detail: reason };
}

function downloading(version: string | undefined, percent: number): UpdateStatus {
  // Floored, so 100 % is said only once the download is whole (the next state says it).
  const shown = Math.min(99, Math.max(0, Math.floor(percent)));
  return { state: 'downloading', words: `Downloading ${shown} %`, ...(version === undefined ? {} : { version }) };
}

/**
 * The next update status. A downloaded update stays ready to install whatever a later check says, and
 * nothing here ever installs it: only the user's "Restart to update" does.
 */
export function updateStep(status: UpdateStatus, event: UpdateEvent): UpdateStatus {
  if (status.state === 'ready' || status.state === 'unavailable') return status;
  switch (event.kind) {
    case 'checking':
      return status.state === 'downloading' ? status : { state: 'checking', words: 'Checking for updates…' };
    case 'not-available':
      return { state: 'up-to-date', words: 'Up to date' };
    case 'available':
      return downloading(event.version, 0);
    case 'progress':
      return downloading(status.version, event.percent);
    case 'downloaded':
      return { state: 'ready', words: 'Restart to update', version: event.version };
    case 'error':
      return { state: 'error', words: 'The update failed', detail: event.message };
    case 'inactive':
      return unavailableStatus(event.reason);
  }
}

/** What a host gives the update service: whether this build can update, and how to load the updater. */
export interface UpdaterHost {
  updatability(): Promise<Updatability>;
  /** Loaded only once a check is due in a build that can update. */
  loadUpdater(): Promise<Updater>;
}

export interface UpdateServiceOptions {
  /** Without a host (browser mode, tests) nothing is ever checked. */
  readonly host: UpdaterHost | undefined;
  /** The "Check for updates automatically" setting, read when the app starts. */
  readonly automatic: () => boolean;
  readonly onStatus: (status: UpdateStatus) => void;
  readonly log: (line: string) => void;
}

export interface UpdateService {
  status(): UpdateStatus;
  /** At start: finds whether this build can update, and checks when the setting says so. */
  start(): Promise<UpdateStatus>;
  /** Help → Check for Updates… and Settings' "Check now": checks whatever the setting says. */
  check(): Promise<UpdateStatus>;
  /** The user's "Restart to update": installs the downloaded update and restarts; false when none is ready. */
  restart(): boolean;
}

const NO_HOST = 'browser mode runs from the project folder and is updated with it, not by the app';

export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  let current = initialUpdateStatus;
  let checkable: Promise<boolean> | undefined;
  let updater: Promise<Updater> | undefined;

  function feed(event: UpdateEvent): UpdateStatus {
    const next = updateStep(current, event);
    if (next !== current && (next.state !== current.state || next.words !== current.words)) {
      current = next;
      options.log(`Updates: ${next.words}${next.detail ? ` (${next.detail})` : ''}`);
      options.onStatus(next);
    }
    return current;
  }

  /** Whether this build can update; said once as the status when it cannot. */
  function canCheck(): Promise<boolean> {
    checkable ??= (async () => {
      if (!options.host) {
        // Set before anyone listens, and it never changes: nothing to push or log on every browser-mode start.
        current = unavailableStatus(NO_HOST);
        return false;
      }
      const found = await options.host.updatability().catch((error: unknown): Updatability => ({
        updatable: false,
        reason: `whether this build can update could not be found (${message(error)})`,
      }));
      if (!found.updatable) feed({ kind: 'inactive', reason: found.reason });
      return found.updatable;
    })();
    return checkable;
  }

  function loaded(host: UpdaterHost): Promise<Updater> {
    updater ??= host.loadUpdater().then((it) => {
      // Download on its own, but install only when the user asks: never on quit, never by itself.
      it.autoDownload = true;
      it.autoInstallOnAppQuit = false;
      it.on('checking-for-update', () => feed({ kind: 'checking' }));
      it.on('update-not-available', () => feed({ kind: 'not-available' }));
      it.on('update-available', ({ version }) => feed({ kind: 'available', version }));
      it.on('download-progress', ({ percent }) => feed({ kind: 'progress', percent }));
      it.on('update-downloaded', ({ version }) => feed({ kind: 'downloaded', version }));
      it.on('error', (error) => feed({ kind: 'error', message: error.message }));
      return it;
    });
    return updater;
  }

  async function check(): Promise<UpdateStatus> {
    if (!(await canCheck()) || !options.host) return current;
    if (current.state === 'checking' || current.state === 'downloading' || current.state === 'ready') return current;
    try {
      const it = await loaded(options.host);
      feed({ kind: 'checking' });
      const result = await it.checkForUpdates();
      if (result === null) return feed({ kind: 'inactive', reason: 'the updater does not run in this build' });
      // A failed download is reported by the updater's "error" event, which sets the status; this only keeps the
      // rejection from also going unhandled.
      result.downloadPromise?.catch(() => undefined);
    } catch (error) {
      feed({ kind: 'error', message: message(error) });
    }
    return current;
  }

  return {
    status: () => current,
    async start() {
      if (!(await canCheck())) return current;
      return options.automatic() ? check() : current;
    },
    check,
    restart() {
      if (current.state !== 'ready' || !updater) return false;
      void updater.then((it) => it.quitAndInstall());
      return true;
    },
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
