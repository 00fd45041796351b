import type { RecordEvent } from '../../../../src-shared/session/eventRecorder';
import { wireEvent } from '../../../../src-shared/session/wireEvent';

function parse(data: unknown): ReturnType<typeof wireEvent> | undefined {
  return typeof data === 'string' ? wireEvent(data) : undefined;
}

/**
 * Records every event that crosses the `oai-events` data channel in either direction, including those
 * the SDK sends on its own through private paths (response.cancel, output_audio_buffer.clear, session.update).
 */
export function tapDataChannel(channel: RTCDataChannel, record: RecordEvent): void {
  const send = channel.send.bind(channel);
  channel.send = ((data: string) => {
    const event = parse(data);
    if (event) record('client', event.type, event.payload);
    send(data);
  }) as RTCDataChannel['send'];
  channel.addEventListener('message', (message: MessageEvent) => {
    const event = parse(message.data);
    if (event) record('server', event.type, event.payload);
  });
}
