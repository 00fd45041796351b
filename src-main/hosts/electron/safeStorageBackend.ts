import { readFile, rm } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import { WorkbenchError } from '../../../src-shared/errors';
import { writeFileAtomic } from '../../services/atomicFile';
import type { SecretBackend } from '../../services/keyStore';

/** The key encrypted by Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet). */
export function safeStorageBackend(safeStorage: SafeStorage, path: string): SecretBackend {
  const available = safeStorage.isEncryptionAvailable();
  return {
    kind: available ? 'os-keychain' : 'none',
    description: available
      ? 'Encrypted with the OS keychain.'
      : 'No OS keychain is available, so a key cannot be stored; start the app with OPENAI_API_KEY set instead.',
    async read() {
      try {
        const sealed = await readFile(path);
        return safeStorage.decryptString(sealed);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new WorkbenchError('key_storage_unavailable', `The stored key in ${path} could not be decrypted: ${(error as Error).message}`);
      }
    },
    async write(secret) {
      if (!available)
        throw new WorkbenchError('key_storage_unavailable', 'No OS keychain is available to encrypt the key; set OPENAI_API_KEY instead.');
      await writeFileAtomic(path, safeStorage.encryptString(secret), 0o600);
    },
    async clear() {
      await rm(path, { force: true });
    },
  };
}
