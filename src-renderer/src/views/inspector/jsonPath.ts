/** One step into a JSON value: an object key or an array index. */
export type PathStep = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A path as a developer would write it to reach the value from the event, e.g.
 * `payload.response.output[0]["content-type"]`, ready to paste into code or a jq-like query.
 */
export function formatPath(steps: readonly PathStep[]): string {
  return steps
    .map((step, position) => {
      if (typeof step === 'number') return `[${step}]`;
      if (IDENTIFIER.test(step)) return position === 0 ? step : `.${step}`;
      return `[${JSON.stringify(step)}]`;
    })
    .join('');
}

/** The value at a path, or undefined when the path leads nowhere. */
export function valueAt(root: unknown, steps: readonly PathStep[]): unknown {
  let current = root;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** What "Copy value" puts on the clipboard: strings as they are, everything else as indented JSON. */
export function copyableValue(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? String(value));
}

/** Splits text around case-insensitive occurrences of `needle`, for highlighting; odd positions are matches. */
export function splitOnMatches(text: string, needle: string): string[] {
  if (needle === '') return [text];
  const lower = text.toLowerCase();
  const parts: string[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
    parts.push(text.slice(from, at), text.slice(at, at + needle.length));
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return parts;
}
