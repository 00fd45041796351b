import { randomBytes } from 'node:crypto';

/** An id shaped like OpenAI's: a prefix and random characters (`event_…`, `item_…`, `resp_…`). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}
