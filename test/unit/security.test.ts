import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { META_CONTENT_SECURITY_POLICY, buildContentSecurityPolicy, originOf } from '../../src-main/security/contentSecurityPolicy';
import { ELECTRON_APP_ORIGIN, isAppUrl, isPermissionAllowed } from '../../src-main/security/trustedOrigin';
import { checkWebRequest } from '../../src-main/security/webRequestGuard';
import { isAllowedExternalUrl } from '../../src-main/security/externalUrl';

const app = ELECTRON_APP_ORIGIN;

describe('trusted origins', () => {
  it.each([
    ['app://workbench/index.html', true],
    ['app://workbench/', true],
    ['app://workbench.evil.com/', false],
    ['app://evil/index.html', false],
    ['https://workbench/', false],
    ['file:///etc/passwd', false],
    ['app://user:pass@workbench/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s is the app: %s', (url, expected) => {
    expect(isAppUrl(url, app)).toBe(expected);
  });
});

describe('the permission policy', () => {
  it('grants the microphone to the app itself', () => {
    expect(isPermissionAllowed({ permission: 'media', requestingUrl: 'app://workbench/index.html', mediaTypes: ['audio'] }, app)).toBe(true);
  });
  it.each([
    { permission: 'media', requestingUrl: 'app://workbench/', mediaTypes: ['video'] },
    { permission: 'media', requestingUrl: 'app://workbench/', mediaTypes: ['audio', 'video'] },
    { permission: 'media', requestingUrl: 'app://workbench/', mediaTypes: [] },
    { permission: 'media', requestingUrl: 'https://api.openai.com/', mediaTypes: ['audio'] },
    { permission: 'geolocation', requestingUrl: 'app://workbench/' },
    { permission: 'notifications', requestingUrl: 'app://workbench/' },
    { permission: 'clipboard-read', requestingUrl: 'app://workbench/' },
    { permission: 'geolocation', requestingUrl: 'app://workbench/', mediaTypes: ['audio'] },
    { permission: 'display-capture', requestingUrl: 'app://workbench/', mediaTypes: ['audio'] },
    { permission: 'media', requestingUrl: 'app://workbench/' },
  ])('refuses $permission $mediaTypes for $requestingUrl', (request) => {
    expect(isPermissionAllowed(request, app)).toBe(false);
  });
});

describe('the content security policy', () => {
  it('denies by default and allows only the given remote origins to be reached', () => {
    const csp = buildContentSecurityPolicy(['https://api.openai.com']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' https://api.openai.com;");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('allows each kind of resource only from the sources the app needs', () => {
    expect(buildContentSecurityPolicy(['https://api.openai.com', 'http://127.0.0.1:4000', 'https://api.openai.com']).split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "media-src 'self' blob: mediastream:",
      "connect-src 'self' https://api.openai.com http://127.0.0.1:4000",
      "worker-src 'self' blob:",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ]);
  });

  it('lets only the page itself be connected to when no remote origin is given', () => {
    expect(buildContentSecurityPolicy([])).toContain("; connect-src 'self'; ");
  });

  it.each([
    ['https://api.openai.com/v1', 'https://api.openai.com'],
    ['http://127.0.0.1:8080/v1/', 'http://127.0.0.1:8080'],
    ['ws://127.0.0.1:8080/v1', undefined],
    ['file:///etc/passwd', undefined],
    ['not a url', undefined],
  ])('takes the origin of the base URL %s as %s for connect-src', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  const directivesOf = (policy: string) => new Map(policy.split('; ').map((directive) => [directive.split(' ')[0], directive] as const));

  it.each(['src-renderer/index.html', 'src-renderer/popout.html'])('is carried by %s as a meta tag, exactly as main defines it', (page) => {
    const html = readFileSync(page, 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
  });

  it('has the meta tag agree with the header on every directive but connect-src and frame-ancestors', () => {
    const header = directivesOf(buildContentSecurityPolicy(['https://api.openai.com']));
    const meta = directivesOf(META_CONTENT_SECURITY_POLICY);
    for (const [name, directive] of header) {
      if (name === 'connect-src' || name === 'frame-ancestors') continue;
      expect(meta.get(name), name).toBe(directive);
    }
    expect([...meta.keys()].sort()).toEqual([...header.keys()].filter((name) => name !== 'frame-ancestors').sort());
  });

  it('lets the meta tag limit connections to network schemes only, leaving the exact origins to the header', () => {
    const connect = directivesOf(META_CONTENT_SECURITY_POLICY).get('connect-src');
    expect(connect).toBe("connect-src 'self' http: https: ws: wss:");
    expect(META_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|frame-ancestors|\*/);
  });
});

describe('the web request guard', () => {
  const token = 'tok_abcdefghijklmnop';
  const good = { host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' };
  it('lets in a same-origin request with the token in the query or the cookie', () => {
    expect(checkWebRequest({ url: `/?token=${token}`, headers: good }, 4000, token)).toMatchObject({ allowed: true, tokenFromQuery: true });
    expect(checkWebRequest({ url: '/ipc', headers: { ...good, cookie: `a=b; workbench_token=${token}` } }, 4000, token)).toMatchObject({
      allowed: true,
      tokenFromQuery: false,
    });
  });
  it('lets in a request without an Origin header (a top-level page load) when Host and token are right', () => {
    expect(checkWebRequest({ url: `/?token=${token}`, headers: { host: '127.0.0.1:4000' } }, 4000, token)).toMatchObject({ allowed: true });
  });
  it.each(['localhost:4000', 'LOCALHOST:4000'])('accepts the Host %s, with or without its matching Origin', (host) => {
    expect(checkWebRequest({ url: `/?token=${token}`, headers: { host } }, 4000, token)).toMatchObject({ allowed: true });
    expect(checkWebRequest({ url: `/?token=${token}`, headers: { host, origin: 'http://localhost:4000' } }, 4000, token)).toMatchObject({
      allowed: true,
    });
  });
  it('reads the token cookie among others, with spaces around it', () => {
    const cookie = `theme=dark;   workbench_token=${token} ; other=1`;
    expect(checkWebRequest({ url: '/ipc', headers: { ...good, cookie } }, 4000, token)).toMatchObject({ allowed: true });
  });
  it.each([
    ['a cookie whose name only ends with the token name', `x_workbench_token=${token}`],
    ['a wrong token in the cookie', 'workbench_token=tok_wrong'],
    ['an empty cookie header', ''],
  ])('refuses %s', (_label, cookie) => {
    expect(checkWebRequest({ url: '/ipc', headers: { ...good, cookie } }, 4000, token)).toMatchObject({ allowed: false, status: 403 });
  });
  it.each([
    ['no token', { url: '/', headers: good }, 403],
    ['a localhost Origin on another port', { url: `/?token=${token}`, headers: { host: 'localhost:4000', origin: 'http://localhost:4001' } }, 403],
    ['an https Origin for the same host', { url: `/?token=${token}`, headers: { ...good, origin: 'https://127.0.0.1:4000' } }, 403],
    ['a localhost Host on another port', { url: `/?token=${token}`, headers: { host: 'localhost:4001' } }, 421],
    ['a wrong token', { url: '/?token=tok_abcdefghijklmnoX', headers: good }, 403],
    ['a token of another length', { url: '/?token=x', headers: good }, 403],
    ['a foreign Origin', { url: `/?token=${token}`, headers: { ...good, origin: 'http://evil.example' } }, 403],
    ['a rebinding Host', { url: `/?token=${token}`, headers: { host: 'evil.example:4000' } }, 421],
    ['a Host on another port', { url: `/?token=${token}`, headers: { host: '127.0.0.1:4001' } }, 421],
    ['no Host', { url: `/?token=${token}`, headers: {} }, 421],
  ])('refuses %s', (_label, request, status) => {
    expect(checkWebRequest(request, 4000, token)).toMatchObject({ allowed: false, status });
  });
});

describe('the web request guard, in its own words', () => {
  const token = 'tok_abcdefghijklmnop';
  it('names the Host it refuses, or says there was none', () => {
    expect(checkWebRequest({ url: `/?token=${token}`, headers: { host: 'evil.example:4000' } }, 4000, token)).toEqual({
      allowed: false,
      status: 421,
      reason: 'Refused: Host header "evil.example:4000" is not this server.',
    });
    expect(checkWebRequest({ url: `/?token=${token}`, headers: {} }, 4000, token)).toEqual({
      allowed: false,
      status: 421,
      reason: 'Refused: Host header "" is not this server.',
    });
  });
  it('names the Origin it refuses', () => {
    expect(checkWebRequest({ url: `/?token=${token}`, headers: { host: 'localhost:4000', origin: 'http://evil.example' } }, 4000, token)).toEqual({
      allowed: false,
      status: 403,
      reason: 'Refused: Origin "http://evil.example" is not this app.',
    });
  });
  it('tells a person without the token to open the URL the server printed', () => {
    expect(checkWebRequest({ url: '/', headers: { host: 'localhost:4000', cookie: 'theme=dark' } }, 4000, token)).toEqual({
      allowed: false,
      status: 403,
      reason: 'Refused: missing or wrong access token. Open the URL the server printed.',
    });
  });
  it('refuses a malformed request URL with 400', () => {
    expect(checkWebRequest({ url: 'http://[', headers: { host: 'localhost:4000' } }, 4000, token)).toEqual({
      allowed: false,
      status: 400,
      reason: 'Refused: the request URL is malformed.',
    });
  });
  it('reads the first of repeated Host and Origin headers', () => {
    expect(checkWebRequest({ url: `/?token=${token}`, headers: { host: ['localhost:4000', 'evil:1'] } }, 4000, token)).toMatchObject({
      allowed: true,
    });
    expect(checkWebRequest({ url: `/?token=${token}`, headers: { host: ['evil:1', 'localhost:4000'] } }, 4000, token)).toMatchObject({ status: 421 });
  });
});

describe('app URLs and external links with credentials', () => {
  it.each(['app://user@workbench/', 'app://:secret@workbench/'])('does not take %s for the app', (url) => {
    expect(isAppUrl(url, app)).toBe(false);
  });
  it.each(['https://user@github.com/', 'https://:secret@github.com/'])('refuses to open %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
  it('opens an allow-listed page', () => {
    expect(isAllowedExternalUrl('https://github.com/openai')).toBe(true);
  });
});
