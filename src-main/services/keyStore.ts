import { readFile, rm, stat } from 'node:fs/promises';
import type { KeyStatus } from '../../src-shared/contract';
import { WorkbenchError } from '../../src-shared/errors';
import { writeFileAtomic } from './atomicFile';

/** Where a stored key lives: the OS keychain under Electron, a 0600 file in browser mode. */
export interface SecretBackend {
  readonly kind: KeyStatus['storage']['kind'];
  readonly description: string;
  /** The stored key, null when none is stored; a stored key that cannot be used rejects with a WorkbenchError naming the file. */
  read(): Promise<string | null>;
  write(secret: string): Promise<void>;
  /** Removes the stored key, a broken one included. */
  clear(): Promise<void>;
}

export interface KeyStore {
  status(): Promise<KeyStatus>;
  set(apiKey: string): Promise<KeyStatus>;
  clear(): Promise<KeyStatus>;
  /** Main-process only: the key itself. Never part of the contract. */
  resolve(): Promise<string>;
  onChange(listener: (status: KeyStatus) => void): () => void;
}

/** What the user can do about any broken stored key; Clear key works whatever is wrong with it. */
export const STORED_KEY_FIX = 'Clear the key in Settings and set it again';

/** Printable ASCII without spaces, as every OpenAI key is, and as an HTTP Authorization header can carry. */
const PLAUSIBLE_KEY = /^[\x21-\x7e]{8,512}$/;

/** Stored text that is not plausibly an API key (binary garbage, a truncated write, two lines) is refused unread. */
export function checkStoredKey(text: string, path: string): string | null {
  const key = text.trim();
  if (key === '') return null;
  if (!PLAUSIBLE_KEY.test(key)) {
    throw new WorkbenchError(
      'key_storage_unavailable',
      `The stored key in ${path} is corrupt: it holds ${key.length} characters that are not an API key. ${STORED_KEY_FIX}.`,
    );
  }
  return key;
}

type Stored = { key: string | null; problem?: undefined } | { key: null; problem: string };

/** A stored key wins over OPENAI_API_KEY, so the user can override an inherited environment; a broken one never locks the user out. */
export function createKeyStore(backend: SecretBackend, envKey: string | undefined): KeyStore {
  const listeners = new Set<(status: KeyStatus) => void>();
  const env = envKey?.trim() ? envKey.trim() : undefined;

  async function readStored(): Promise<Stored> {
    try {
      return { key: await backend.read() };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { key: null, problem: error instanceof WorkbenchError ? reason : `The stored key could not be read: ${reason}. ${STORED_KEY_FIX}.` };
    }
  }

  async function status(): Promise<KeyStatus> {
    const stored = await readStored();
    const storage = { kind: backend.kind, description: backend.description };
    const problem = stored.problem === undefined ? {} : { problem: stored.problem };
    if (stored.key) return { hasKey: true, source: 'stored', storage };
    if (env) return { hasKey: true, source: 'env', storage, ...problem };
    return { hasKey: false, source: null, storage, ...problem };
  }

  async function changed(): Promise<KeyStatus> {
    const next = await status();
    for (const listener of listeners) listener(next);
    return next;
  }

  return {
    status,
    async set(apiKey) {
      if (!PLAUSIBLE_KEY.test(apiKey)) {
        throw new WorkbenchError(
          'invalid_request',
          'An API key is 8 to 512 printable ASCII characters; this one is not, so it was not saved.',
          'apiKey',
        );
      }
      await backend.write(apiKey);
      return changed();
    },
    async clear() {
      await backend.clear();
      return changed();
    },
    async resolve() {
      const stored = await readStored();
      const key = stored.key ?? env;
      if (key) return key;
      if (stored.problem !== undefined) {
        throw new WorkbenchError('key_storage_unavailable', `${stored.problem} Meanwhile, OPENAI_API_KEY in the environment would be used.`);
      }
      throw new WorkbenchError('key_missing', 'No OpenAI API key is set. Add one in Settings, or start the app with OPENAI_API_KEY set.');
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Removes a stored key's file whatever state it is in; gone already is fine. */
export async function removeStoredKeyFile(path: string): Promise<void> {
  try {
    await rm(path, { force: true });
  } catch (error) {
    throw new WorkbenchError('io_error', `Could not remove the stored key ${path}: ${(error as Error).message}. Remove it by hand.`);
  }
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** For hosts without an OS keychain: a file only the user can read, said plainly in the UI. */
export function fileSecretBackend(path: string): SecretBackend {
  return {
    kind: 'file-0600',
    description: `No OS keychain in browser mode: the key is kept unencrypted in ${path}, readable only by you (0600).`,
    async read() {
      let text: string;
      try {
        const info = await stat(path);
        if (!info.isFile()) {
          throw new WorkbenchError('key_storage_unavailable', `The stored key in ${path} cannot be read: it is not a file. ${STORED_KEY_FIX}.`);
        }
        if ((info.mode & 0o077) !== 0) {
          throw new WorkbenchError(
            'key_storage_unavailable',
            `The stored key in ${path} is not used because other users can read the file (mode ${octal(info.mode)}). ${STORED_KEY_FIX}, or run: chmod 600 ${path}`,
          );
        }
        text = await readFile(path, 'utf8');
      } catch (error) {
        if (error instanceof WorkbenchError) throw error;
        const { code, message } = error as NodeJS.ErrnoException;
        if (code === 'ENOENT') return null;
        throw new WorkbenchError('key_storage_unavailable', `The stored key in ${path} cannot be read (${code ?? message}). ${STORED_KEY_FIX}.`);
      }
      return checkStoredKey(text, path);
    },
    async write(secret) {
      await writeFileAtomic(path, `${secret}\n`, 0o600);
    },
    clear: () => removeStoredKeyFile(path),
  };
}
