import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep, win32 } from 'node:path';

export type StaticPath = { readonly ok: true; readonly file: string; readonly size: number } | { readonly ok: false; readonly reason: string };

function refused(reason: string): StaticPath {
  return { ok: false, reason };
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * Maps a request's URL path (still percent-encoded) to a regular file inside `root`, for both static
 * servers (the Electron app:// handler and the web host). Refuses `..` in any spelling, absolute paths,
 * NUL bytes, backslashes, and symlinks whose target lies outside the folder. `/` is `index.html`.
 */
export async function resolveStaticPath(root: string, urlPathname: string): Promise<StaticPath> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return refused(`the path ${JSON.stringify(urlPathname)} is not valid percent-encoding`);
  }
  if (decoded.includes('\0')) return refused('the path contains a NUL byte');
  if (decoded.includes('\\')) return refused('the path contains a backslash');
  const wanted = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\//, '');
  if (isAbsolute(wanted) || win32.isAbsolute(wanted)) return refused(`the path ${JSON.stringify(decoded)} is absolute`);
  if (wanted.split('/').some((segment) => segment === '..')) return refused(`the path ${JSON.stringify(decoded)} leaves the folder`);

  const realRoot = await realpath(root);
  const candidate = join(realRoot, wanted);
  if (!isInside(realRoot, candidate)) return refused(`the path ${JSON.stringify(decoded)} leaves the folder`);
  let realFile: string;
  try {
    realFile = await realpath(candidate);
  } catch {
    return refused(`there is no file ${JSON.stringify(decoded)}`);
  }
  if (!isInside(realRoot, realFile)) return refused(`the path ${JSON.stringify(decoded)} is a link out of the folder`);
  const info = await stat(realFile);
  if (!info.isFile()) return refused(`${JSON.stringify(decoded)} is not a file`);
  return { ok: true, file: realFile, size: info.size };
}
