import { access, chmod, mkdir, stat, writeFile } from 'node:fs/promises';
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
    await expect(createKeyStore(fileSecretBackend(path), undefined).resolve()).rejects.toMatchObject({
      code: 'key_storage_unavailable',
      message: expect.stringContaining(`chmod 600 ${path}`),
    });
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

  it('refuses to store a key that could not be read back (not printable ASCII), naming the field', async () => {
    const path = join(await makeDir(), 'api-key');
    const keys = createKeyStore(fileSecretBackend(path), undefined);
    await expect(keys.set('sk-proj-ключ-0123456789')).rejects.toMatchObject({ code: 'invalid_request', field: 'apiKey' });
    await expect(access(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('names what to do when there is no key at all', async () => {
    const keys = createKeyStore(fileSecretBackend(join(await makeDir(), 'api-key')), undefined);
    await expect(keys.resolve()).rejects.toMatchObject({ code: 'key_missing', message: expect.stringContaining('OPENAI_API_KEY') });
  });
});

/** The ways a stored key file can be broken, each made on disk as a user would meet it. */
const brokenFiles = [
  {
    label: 'readable by others (0644)',
    make: async (path: string) => {
      await writeFile(path, `${secret}\n`);
      await chmod(path, 0o644);
    },
    problem: /other users can read the file \(mode 0644\)/,
  },
  {
    label: 'corrupt (binary garbage)',
    make: (path: string) => writeFile(path, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x80, 0x81, 0x82, 0x83, 0x84]), { mode: 0o600 }),
    problem: /is corrupt/,
  },
  {
    label: 'corrupt (two lines)',
    make: (path: string) => writeFile(path, 'sk-first-half\nsk-second-half\n', { mode: 0o600 }),
    problem: /is corrupt/,
  },
  {
    label: 'unreadable (not a file)',
    make: (path: string) => mkdir(path),
    problem: /cannot be read/,
  },
];

describe('a broken stored key', () => {
  it.each(brokenFiles)('when $label, is reported by status with the file, never thrown', async ({ make, problem }) => {
    const path = join(await makeDir(), 'api-key');
    await make(path);
    const status = await createKeyStore(fileSecretBackend(path), undefined).status();
    expect(status).toMatchObject({ hasKey: false, source: null, problem: expect.stringMatching(problem) });
    expect(status.problem).toContain(path);
    expect(status.problem).toContain('Clear the key in Settings');
    expect(JSON.stringify(status)).not.toContain(secret);
  });

  it.each(brokenFiles)('when $label, lets OPENAI_API_KEY serve meanwhile', async ({ make, problem }) => {
    const path = join(await makeDir(), 'api-key');
    await make(path);
    const keys = createKeyStore(fileSecretBackend(path), 'sk-from-env-000000');
    expect(await keys.status()).toMatchObject({ hasKey: true, source: 'env', problem: expect.stringMatching(problem) });
    expect(await keys.resolve()).toBe('sk-from-env-000000');
  });

  it.each(brokenFiles.slice(0, 3))('when $label, is removed by Clear key and replaced by a new key', async ({ make }) => {
    const path = join(await makeDir(), 'api-key');
    await make(path);
    const keys = createKeyStore(fileSecretBackend(path), undefined);
    const cleared = await keys.clear();
    expect(cleared).toEqual({ hasKey: false, source: null, storage: expect.anything() });
    await expect(access(path)).rejects.toMatchObject({ code: 'ENOENT' });
    await make(path);
    expect(await keys.set(secret)).toEqual({ hasKey: true, source: 'stored', storage: expect.anything() });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await keys.resolve()).toBe(secret);
  });

  it('without OPENAI_API_KEY, makes a model call fail with the problem and what to do', async () => {
    const path = join(await makeDir(), 'api-key');
    await brokenFiles[0]!.make(path);
    await expect(createKeyStore(fileSecretBackend(path), undefined).resolve()).rejects.toMatchObject({
      code: 'key_storage_unavailable',
      message: expect.stringMatching(/mode 0644.*OPENAI_API_KEY/),
    });
  });

  it('tells a listener when Clear key removed the broken file', async () => {
    const path = join(await makeDir(), 'api-key');
    await brokenFiles[1]!.make(path);
    const keys = createKeyStore(fileSecretBackend(path), undefined);
    const seen: unknown[] = [];
    keys.onChange((status) => seen.push(status));
    await keys.clear();
    expect(seen).toEqual([{ hasKey: false, source: null, storage: expect.anything() }]);
  });
});
