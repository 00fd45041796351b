import { pushEvents, type PushEventName, type PushPayload } from '../../src-shared/contract';

export type PushSink = (channel: string, payload: unknown) => void;

/** Fans validated push events out to every connected window or socket. */
export class PushHub {
  private readonly sinks = new Set<PushSink>();

  connect(sink: PushSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends PushEventName>(event: E, payload: PushPayload<E>): void {
    const spec = pushEvents[event];
    const checked = spec.payload.parse(payload);
    for (const sink of this.sinks) sink(spec.channel, checked);
  }
}
