import { OpenAIRealtimeWebSocket } from '@openai/agents/realtime';
import WebSocket from 'ws';
import type { MintedSession } from '../../../src-shared/contract';
import type { RecordEvent } from '../../../src-shared/session/eventRecorder';
import type { SessionHost } from '../../../src-shared/session/sessionHost';
import { wireEvent } from '../../../src-shared/session/wireEvent';

/** The realtime WebSocket of a minted session: the calls URL's API base, as `ws(s)://…/realtime?model=`. */
export function realtimeSocketUrl(minted: MintedSession): string {
  const base = minted.callsUrl.replace(/\/realtime\/calls$/, '').replace(/^http/, 'ws');
  return `${base}/realtime?model=${encodeURIComponent(minted.model)}`;
}

function parse(data: unknown): ReturnType<typeof wireEvent> | undefined {
  const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : undefined;
  return text === undefined ? undefined : wireEvent(text);
}

/**
 * Records every event that crosses the socket in either direction, also those the SDK sends on its own,
 * as the page's tap does on the WebRTC data channel.
 */
function tapSocket(socket: WebSocket, record: RecordEvent): void {
  const send = socket.send.bind(socket) as (data: string) => void;
  socket.send = ((data: string) => {
    const event = parse(data);
    if (event) record('client', event.type, event.payload);
    send(data);
  }) as WebSocket['send'];
  socket.on('message', (data, isBinary) => {
    const event = isBinary ? undefined : parse(data);
    if (event) record('server', event.type, event.payload);
  });
}

/**
 * The session engine's host in Node: the SDK's WebSocket transport, authorised with the minted client secret,
 * with PCM16 audio at 24 kHz. It opens no microphone; a caller sends audio through the transport itself.
 */
export function webSocketHost(): SessionHost {
  return {
    audioFormat: { type: 'audio/pcm', rate: 24000 },
    connectingStep: 'Connecting over WebSocket…',
    transport: async (minted, record) =>
      new OpenAIRealtimeWebSocket({
        url: realtimeSocketUrl(minted),
        createWebSocket: async ({ url, apiKey }) => {
          const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${apiKey}` } });
          tapSocket(socket, record);
          return socket;
        },
      }),
    release: () => undefined,
  };
}
