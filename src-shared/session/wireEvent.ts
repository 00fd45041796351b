/** One message of the realtime wire (data channel or socket) as an event: its type and payload, or what could not be read. */
export function wireEvent(text: string): { type: string; payload: Record<string, unknown> } {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return { type: typeof parsed['type'] === 'string' ? parsed['type'] : 'unknown', payload: parsed };
  } catch {
    return { type: 'unparseable', payload: { data: text.slice(0, 200) } };
  }
}
