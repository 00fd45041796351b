import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { describe, expect, it } from 'vitest';
import { safeStorageBackend } from '../../../src-main/hosts/electron/safeStorageBackend';
import { createKeyStore } from '../../../src-main/services/keyStore';
import { useTempDirs } from '../../support/tempDir';

const makeDir = useTempDirs();
const secret = 'sk-proj-secret-value-0123456789';

/** A keychain whose sealing key can be replaced, as happens after a keychain reset or on another machine. */
function keychain(available = true): SafeStorage & { reset(): void } {
  let generation = 1;
  const seal = (text: string) => Buffer.from(`gen${generation}:${Buffer.from(text).toString('base64')}`);
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text: string) => seal(text),
    decryptString: (sealed: Buffer) => {
      const [tag, body] = sealed.toString().split(':');
      if (tag !== `gen${generation}` || body === undefined)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(body, 'base64').toString();
    },
    reset: () => (generation += 1),
  } as unknown as SafeStorage & { reset(): void };
}

describe('the OS keychain key backend', () => {
  it('stores the key sealed, never in clear text, and reads it back', async () => {
    const path = join(await makeDir(), 'api-key.sealed');
    const keys = createKeyStore(safeStorageBackend(keychain(), path), undefined);
    expect(await keys.set(secret)).toMatchObject({ hasKey: true, source: 'stored', storage: { kind: 'os-keychain' } });
    expect(await readFile(path, 'utf8')).not.toContain(secret);
    expect(await keys.resolve()).toBe(secret);
  });

  it('reports a blob that no longer decrypts as a problem naming the file, and Clear key then a new key recover', async () => {
    const path = join(await makeDir(), 'api-key.sealed');
    const storage = keychain();
    const keys = createKeyStore(safeStorageBackend(storage, path), 'sk-from-env-000000');
    await keys.set(secret);
    storage.reset();
    const status = await keys.status();
    expect(status).toMatchObject({ hasKey: true, source: 'env', problem: expect.stringContaining(`${path} can no longer be decrypted`) });
    expect(await keys.resolve()).toBe('sk-from-env-000000');
    expect(await keys.clear()).toEqual({ hasKey: true, source: 'env', storage: expect.anything() });
    await expect(access(path)).rejects.toMatchObject({ code: 'ENOENT' });
    await keys.set(secret);
    expect(await keys.resolve()).toBe(secret);
  });

  it('reports a blob that decrypts to something other than a key as corrupt', async () => {
    const path = join(await makeDir(), 'api-key.sealed');
    const storage = keychain();
    await writeFile(path, storage.encryptString('not a key\nat all'));
    expect(await createKeyStore(safeStorageBackend(storage, path), undefined).status()).toMatchObject({
      hasKey: false,
      problem: expect.stringContaining(`${path} is corrupt`),
    });
  });

  describe('without a keychain (safeStorage unavailable)', () => {
    it('says so, refuses to store a key with a message pointing at OPENAI_API_KEY, and uses the environment key', async () => {
      const path = join(await makeDir(), 'api-key.sealed');
      const keys = createKeyStore(safeStorageBackend(keychain(false), path), 'sk-from-env-000000');
      expect(await keys.status()).toEqual({
        hasKey: true,
        source: 'env',
        storage: { kind: 'none', description: expect.stringContaining('No OS keychain is available') },
      });
      await expect(keys.set(secret)).rejects.toMatchObject({ code: 'key_storage_unavailable', message: expect.stringContaining('OPENAI_API_KEY') });
      await expect(access(path)).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await keys.resolve()).toBe('sk-from-env-000000');
    });
  });
});
