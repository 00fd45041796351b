import { readFile, rm, stat } from 'node:fs/promises';
import type { KeyStatus } from '../../src-shared/contract';
import { WorkbenchError } from '../../src-shared/errors';
import { writeFileAtomic } from './atomicFile';

/** Where a stored key lives: the OS keychain under Electron, a 0600 file in browser mode. */
export interface SecretBackend {
  readonly kind: KeyStatus['storage']['kind'];
  readonly description: string;
  read(): Promise<string | null>;
  write(secret: string): Promise<void>;
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

/** A stored key wins over OPENAI_API_KEY, so the user can override an inherited environment. */
export function createKeyStore(backend: SecretBackend, envKey: string | undefined): KeyStore {
  const listeners = new Set<(status: KeyStatus) => void>();
  const env = envKey?.trim() ? envKey.trim() : undefined;

  async function status(): Promise<KeyStatus> {
    const stored = await backend.read();
    const storage = { kind: backend.kind, description: backend.description };
    if (stored) return { hasKey: true, source: 'stored', storage };
    if (env) return { hasKey: true, source: 'env', storage };
    return { hasKey: false, source: null, storage };
  }

  async function changed(): Promise<KeyStatus> {
    const next = await status();
    for (const listener of listeners) listener(next);
    return next;
  }

  return {
    status,
    async set(apiKey) {
      await backend.write(apiKey);
      return changed();
    },
    async clear() {
      await backend.clear();
      return changed();
    },
    async resolve() {
      const key = (await backend.read()) ?? env;
      if (!key) {
        throw new WorkbenchError('key_missing', 'No OpenAI API key is set. Add one in Settings, or start the app with OPENAI_API_KEY set.');
      }
      return key;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** For hosts without an OS keychain: a file only the user can read, said plainly in the UI. */
export function fileSecretBackend(path: string): SecretBackend {
  return {
    kind: 'file-0600',
    description: `No OS keychain in browser mode: the key is kept unencrypted in ${path}, readable only by you (0600).`,
    async read() {
      try {
        const info = await stat(path);
        if ((info.mode & 0o077) !== 0) {
          throw new WorkbenchError('key_storage_unavailable', `${path} is readable by other users; refusing to use it. Run: chmod 600 ${path}`);
        }
        const text = (await readFile(path, 'utf8')).trim();
        return text === '' ? null : text;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(secret) {
      await writeFileAtomic(path, `${secret}\n`, 0o600);
    },
    async clear() {
      await rm(path, { force: true });
    },
  };
}
