import type { SessionEvent } from './sessionEvent';

export type MarkerKind = 'turn' | 'tool' | 'handoff' | 'guardrail';

/** A point on the replay timeline worth jumping to. */
export interface TimelineMarker {
  readonly kind: MarkerKind;
  readonly t: number;
  readonly seq: number;
  readonly label: string;
}

type Item = { type?: unknown; role?: unknown; name?: unknown };

/** The marker an event makes, if any: a user turn, a tool call, a handoff or agent switch, a guardrail trip. */
export function markerOf(event: SessionEvent): TimelineMarker | undefined {
  const at = { t: event.t, seq: event.seq };
  const item = event.payload['item'] as Item | undefined;
  if (event.direction === 'server' && event.type === 'conversation.item.added' && item?.type === 'message' && item.role === 'user')
    return { kind: 'turn', label: 'User turn', ...at };
  if (event.direction === 'server' && event.type === 'response.output_item.done' && item?.type === 'function_call' && typeof item.name === 'string')
    return item.name.startsWith('transfer_to_') ? undefined : { kind: 'tool', label: `Tool ${item.name}`, ...at };
  if (event.direction === 'app' && event.type === 'agent.changed')
    return { kind: 'handoff', label: `${String(event.payload['from'] ?? '?')} → ${String(event.payload['to'] ?? '?')}`, ...at };
  if (event.direction === 'app' && event.type === 'guardrail.verdict' && event.payload['tripped'] === true)
    return { kind: 'guardrail', label: `Guardrail tripped: ${String(event.payload['category'] ?? '')}`, ...at };
  return undefined;
}

export function markersOf(events: readonly SessionEvent[]): TimelineMarker[] {
  return events.flatMap((event) => markerOf(event) ?? []);
}
