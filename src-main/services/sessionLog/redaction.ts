import type { SessionEvent } from '../../../src-shared/sessionEvent';

/** Client secrets and API keys in any text, whether or not the page already masked them. */
const SECRET_PATTERN = /\b(ek_[A-Za-z0-9_-]{6,}|sk-[A-Za-z0-9_-]{6,})/g;
/** Fields whose value is a credential whatever it looks like. */
const SECRET_FIELD = /^(authorization|api[_-]?key|client[_-]?secret|password|secret|token|access[_-]?token)$/i;
export const REDACTED = '[redacted]';

/**
 * Makes an event safe to write: the API key and any other known secret (matched by value), client
 * secrets and keys (matched by shape) and credential-named fields are replaced before a byte reaches
 * disk. Main does this itself rather than trusting the page's masking.
 */
export function createRedactor(knownSecrets: () => readonly string[]): (event: SessionEvent) => SessionEvent {
  return (event) => {
    const secrets = knownSecrets().filter((secret) => secret.length >= 8);
    const scrub = (text: string): string => {
      let result = text;
      for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
      return result.replace(SECRET_PATTERN, (match) => `${match.slice(0, 3)}…${REDACTED}`);
    };
    const visit = (value: unknown, key: string | undefined): unknown => {
      if (key !== undefined && SECRET_FIELD.test(key) && value !== null && value !== undefined && typeof value !== 'boolean') return REDACTED;
      if (typeof value === 'string') return scrub(value);
      if (Array.isArray(value)) return value.map((item) => visit(item, undefined));
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, item]) => [name, visit(item, name)]));
      }
      return value;
    };
    return { ...event, type: scrub(event.type), payload: visit(event.payload, undefined) as Record<string, unknown> };
  };
}
