function directives(connectSources: string, forMetaTag: boolean): string[] {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self' blob: mediastream:",
    `connect-src ${connectSources}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    // Browsers ignore frame-ancestors in a meta tag (and warn), so only the header carries it.
    ...(forMetaTag ? [] : ["frame-ancestors 'none'"]),
    "object-src 'none'",
  ];
}

/**
 * The app's Content-Security-Policy header. Deny by default; the only remote origins allowed are the ones the
 * realtime connection needs (the configured API base URL), plus the host's own origin for its socket.
 */
export function buildContentSecurityPolicy(connectOrigins: readonly string[]): string {
  return directives(["'self'", ...new Set(connectOrigins)].join(' '), false).join('; ');
}

/**
 * The same policy as a meta tag in index.html, so it holds even where no header arrives and static checks
 * can see it. Which origins the page may reach is only known per load (the API base URL, the web host's
 * port), so the meta tag limits connect-src to network schemes and leaves the exact origins to the header:
 * a page obeys both, so the header's narrower list is what applies.
 */
export const META_CONTENT_SECURITY_POLICY = directives("'self' http: https: ws: wss:", true).join('; ');

/** The origin of an http(s) URL, or undefined if it is not one. */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
