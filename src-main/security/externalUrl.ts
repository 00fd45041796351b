/**
 * Sites a link in the app may open in the user's browser. Everything else a page tries to open is
 * refused, so a compromised or confused page cannot hand the OS an arbitrary URL or scheme.
 */
export const EXTERNAL_LINK_ORIGINS: readonly string[] = ['https://platform.openai.com', 'https://openai.com', 'https://github.com'];

/** True only for an http(s) URL without credentials whose origin is on the allow-list. */
export function isAllowedExternalUrl(url: string, allowedOrigins: readonly string[] = EXTERNAL_LINK_ORIGINS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return allowedOrigins.includes(parsed.origin);
}
