import { readFile } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import { WorkbenchError } from '../../../src-shared/errors';
import { writeFileAtomic } from '../../services/atomicFile';
import { STORED_KEY_FIX, checkStoredKey, removeStoredKeyFile, type SecretBackend } from '../../services/keyStore';

/** The key encrypted by Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet). */
export function safeStorageBackend(safeStorage: SafeStorage, path: string): SecretBackend {
  const available = safeStorage.isEncryptionAvailable();
  return {
    kind: available ? 'os-keychain' : 'none',
    description: available
      ? 'Encrypted with the OS keychain.'
      : 'No OS keychain is available, so a key cannot be stored; start the app with OPENAI_API_KEY set instead.',
    async read() {
      let sealed: Buffer;
      try {
        sealed = await readFile(path);
      } catch (error) {
        const { code, message } = error as NodeJS.ErrnoException;
        if (code === 'ENOENT') return null;
        throw new WorkbenchError('key_storage_unavailable', `The stored key in ${path} cannot be read (${code ?? message}). ${STORED_KEY_FIX}.`);
      }
      let text: string;
      try {
        text = safeStorage.decryptString(sealed);
      } catch (error) {
        // A keychain reset, another user or another machine: the blob is intact but its key is gone.
        throw new WorkbenchError(
          'key_storage_unavailable',
          `The stored key in ${path} can no longer be decrypted with the OS keychain (${(error as Error).message}). ${STORED_KEY_FIX}.`,
        );
      }
      return checkStoredKey(text, path);
    },
    async write(secret) {
      if (!available)
        throw new WorkbenchError('key_storage_unavailable', 'No OS keychain is available to encrypt the key; set OPENAI_API_KEY instead.');
      await writeFileAtomic(path, safeStorage.encryptString(secret), 0o600);
    },
    clear: () => removeStoredKeyFile(path),
  };
}
