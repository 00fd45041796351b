import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../src-main/security/staticPath';
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();

/** A served folder `site/` with a secret beside it, and links pointing in and out. */
async function site(): Promise<{ root: string; outside: string }> {
  const base = await makeDir();
  const root = join(base, 'site');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<title>wb</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, '..hidden'), 'dots are part of its name');
  await writeFile(join(base, 'secret.txt'), 'top secret');
  await symlink(join(base, 'secret.txt'), join(root, 'escape.txt'));
  await symlink(base, join(root, 'up'));
  await symlink(join(root, 'assets', 'app.js'), join(root, 'inside.js'));
  return { root, outside: join(base, 'secret.txt') };
}

describe('the static path resolver shared by both static servers', () => {
  it.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/app.js', join('assets', 'app.js')],
    ['/assets/%61pp.js', join('assets', 'app.js')],
    ['', 'index.html'],
    ['/..hidden', '..hidden'],
    // A path with no leading slash (a caller that stripped it) is the same path.
    ['assets/app.js', join('assets', 'app.js')],
  ])('serves %s as the file in the folder', async (path, expected) => {
    const { root } = await site();
    expect(await resolveStaticPath(root, path)).toMatchObject({ ok: true, file: expect.stringMatching(new RegExp(`site/${expected}$`)) });
  });

  it('serves a link whose target stays inside the folder', async () => {
    const { root } = await site();
    expect(await resolveStaticPath(root, '/inside.js')).toMatchObject({ ok: true, file: expect.stringMatching(/site\/assets\/app\.js$/) });
  });

  it.each([
    ['a parent segment', '/../secret.txt', /leaves the folder/],
    ['a nested parent segment', '/assets/../../secret.txt', /leaves the folder/],
    ['an encoded parent segment', '/%2e%2e/secret.txt', /leaves the folder/],
    ['an encoded parent and slash', '/..%2fsecret.txt', /leaves the folder/],
    ['an absolute path', '//etc/passwd', /absolute/],
    ['an encoded absolute path', '/%2fetc%2fpasswd', /absolute/],
    ['a Windows drive path', '/C:%5cWindows%5cwin.ini', /backslash/],
    ['a Windows drive path with slashes', '/C:/Windows/win.ini', /^the path "\/C:\/Windows\/win.ini" is absolute$/],
    ['a parent segment, by name', '/assets/../../secret.txt', /^the path "\/assets\/..\/..\/secret.txt" leaves the folder$/],
    ['a parent segment even when the path comes back inside', '/assets/../index.html', /^the path "\/assets\/..\/index.html" leaves the folder$/],
    ['the folder itself', '/.', /^the path "\/." leaves the folder$/],
    ['a NUL byte', '/index.html%00.js', /NUL/],
    ['broken percent-encoding', '/%E0%A4%A', /percent-encoding/],
    ['a symlink to a file outside', '/escape.txt', /link out of the folder/],
    ['a path through a symlinked folder outside', '/up/secret.txt', /link out of the folder/],
    ['a missing file', '/nope.js', /no file/],
    ['a folder', '/assets', /not a file/],
  ])('refuses %s', async (_label, path, reason) => {
    const { root } = await site();
    const result = await resolveStaticPath(root, path);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });
});
