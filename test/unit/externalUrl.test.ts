import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_ORIGINS, isAllowedExternalUrl } from '../../src-main/security/externalUrl';

describe('which links may open in the user’s browser', () => {
  it.each(['https://platform.openai.com/api-keys', 'https://github.com/openai/openai-realtime-agents', 'https://openai.com/'])(
    'opens the allow-listed %s',
    (url) => {
      expect(isAllowedExternalUrl(url)).toBe(true);
    },
  );

  it.each([
    ['a site not on the list', 'https://evil.example/'],
    ['a look-alike host', 'https://platform.openai.com.evil.example/'],
    ['a subdomain not on the list', 'https://evil.github.com/'],
    ['plain http for an https-listed site', 'http://github.com/'],
    ['another port', 'https://github.com:8443/'],
    ['credentials in the URL', 'https://user:pass@github.com/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['an smb share', 'smb://github.com/share'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['not a URL', 'github.com'],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('takes http(s) origins from a given list, and only those schemes', () => {
    expect(isAllowedExternalUrl('http://127.0.0.1:8787/docs', ['http://127.0.0.1:8787'])).toBe(true);
    expect(isAllowedExternalUrl('ftp://127.0.0.1:8787/docs', ['ftp://127.0.0.1:8787', 'null'])).toBe(false);
    expect(EXTERNAL_LINK_ORIGINS.every((origin) => origin.startsWith('https://'))).toBe(true);
  });
});
