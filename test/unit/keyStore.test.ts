import { stat, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyStore, fileSecretBackend } from '../../src-main/services/keyStore';
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();
const secret = 'sk-proj-secret-value-0123456789';

describe('the key store', () => {
  it('says whether a key is stored without ever returning it', async () => {
    const keys = createKeyStore(fileSecretBackend(join(await makeDir(), 'api-key')), undefined);
    expect(await keys.status()).toMatchObject({ hasKey: false, source: null });
    const status = await keys.set(secret);
    expect(status).toMatchObject({ hasKey: true, source: 'stored', storage: { kind: 'file-0600' } });
    expect(JSON.stringify(status)).not.toContain(secret);
    expect(await keys.resolve()).toBe(secret);
  });

  it('writes the key file readable only by its owner', async () => {
    const path = join(await makeDir(), 'api-key');
    await createKeyStore(fileSecretBackend(path), undefined).set(secret);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a key file others can read, saying how to fix it', async () => {
    const path = join(await makeDir(), 'api-key');
    await writeFile(path, secret);
    await chmod(path, 0o644);
    await expect(createKeyStore(fileSecretBackend(path), undefined).resolve()).rejects.toThrow(`chmod 600 ${path}`);
  });

  it('falls back to OPENAI_API_KEY, and a stored key overrides it', async () => {
    const keys = createKeyStore(fileSecretBackend(join(await makeDir(), 'api-key')), 'sk-from-env-000000');
    expect(await keys.status()).toMatchObject({ hasKey: true, source: 'env' });
    expect(await keys.resolve()).toBe('sk-from-env-000000');
    await keys.set(secret);
    expect(await keys.resolve()).toBe(secret);
    await keys.clear();
    expect(await keys.status()).toMatchObject({ source: 'env' });
  });

  it('names what to do when there is no key at all', async () => {
    const keys = createKeyStore(fileSecretBackend(join(await makeDir(), 'api-key')), undefined);
    await expect(keys.resolve()).rejects.toMatchObject({ code: 'key_missing', message: expect.stringContaining('OPENAI_API_KEY') });
  });
});
