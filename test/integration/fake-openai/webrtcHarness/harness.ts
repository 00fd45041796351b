/// <reference lib="dom" />
import { OpenAIRealtimeWebRTC, RealtimeAgent, RealtimeSession, tool, type RealtimeItem } from '@openai/agents/realtime';
import { z } from 'zod';

/**
 * A browser page that drives the real @openai/agents WebRTC transport against the fake server.
 * The test calls these functions through Playwright; everything it checks comes back as plain data.
 */
interface HarnessState {
  session: RealtimeSession;
  peer: RTCPeerConnection | undefined;
  transport: OpenAIRealtimeWebRTC;
  errors: string[];
  transportEvents: string[];
  toolCalls: string[];
  connectionChanges: string[];
}

let state: HarnessState | undefined;

function current(): HarnessState {
  if (!state) throw new Error('connect() first');
  return state;
}

async function connect(options: {
  callsUrl: string;
  clientSecret: string;
  supervisorAnswer: string;
  onlyCodec?: string;
}): Promise<{ callId: string | undefined }> {
  const toolCalls: string[] = [];
  const getNextResponseFromSupervisor = tool({
    name: 'getNextResponseFromSupervisor',
    description: 'Asks the supervisor what to say next.',
    parameters: z.object({ relevantContextFromLastUserMessage: z.string() }),
    execute: async (input) => {
      toolCalls.push(JSON.stringify(input));
      return { nextResponse: options.supervisorAnswer };
    },
  });
  const agent = new RealtimeAgent({
    name: 'chatAgent',
    instructions: "You are the voice of Brightwave Mobile's help line. Defer account questions to the supervisor.",
    tools: [getNextResponseFromSupervisor],
  });
  let peer: RTCPeerConnection | undefined;
  const transport = new OpenAIRealtimeWebRTC({
    baseUrl: options.callsUrl,
    changePeerConnection: async (pc) => {
      peer = pc;
      const onlyCodec = options.onlyCodec;
      if (onlyCodec) {
        const codecs = RTCRtpReceiver.getCapabilities('audio')?.codecs.filter((codec) => codec.mimeType === onlyCodec) ?? [];
        for (const transceiver of pc.getTransceivers()) transceiver.setCodecPreferences(codecs);
      }
      return pc;
    },
  });
  const session = new RealtimeSession(agent, { transport, model: 'gpt-realtime' });
  const errors: string[] = [];
  const transportEvents: string[] = [];
  const connectionChanges: string[] = [];
  transport.on('connection_change', (status) => connectionChanges.push(status));
  session.on('error', (error) => errors.push(JSON.stringify(error.error ?? error)));
  session.on('transport_event', (event) => transportEvents.push(event.type));
  await session.connect({ apiKey: options.clientSecret });
  state = { session, peer, transport, errors, transportEvents, toolCalls, connectionChanges };
  return { callId: transport.callId };
}

function sendMessage(text: string): void {
  current().session.sendMessage(text);
}

function interrupt(): void {
  current().session.interrupt();
}

function summary(): { history: RealtimeItem[]; errors: string[]; transportEvents: string[]; toolCalls: string[]; connectionChanges: string[] } {
  const { session, errors, transportEvents, toolCalls, connectionChanges } = current();
  return { history: JSON.parse(JSON.stringify(session.history)) as RealtimeItem[], errors, transportEvents, toolCalls, connectionChanges };
}

/** What the browser's WebRTC stack says about the assistant audio it received and decoded. */
async function inboundAudio(): Promise<{ packetsReceived: number; totalAudioEnergy: number; codec: string | undefined }> {
  const peer = current().peer;
  if (!peer) throw new Error('no peer connection');
  const stats = await peer.getStats();
  let result = { packetsReceived: 0, totalAudioEnergy: 0, codec: undefined as string | undefined };
  stats.forEach((report: { type: string; kind?: string; packetsReceived?: number; totalAudioEnergy?: number; codecId?: string }) => {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') {
      const codec = report.codecId ? (stats.get(report.codecId) as { mimeType?: string } | undefined)?.mimeType : undefined;
      result = { packetsReceived: report.packetsReceived ?? 0, totalAudioEnergy: report.totalAudioEnergy ?? 0, codec };
    }
  });
  return result;
}

function close(): void {
  current().session.close();
}

declare global {
  interface Window {
    harness: {
      connect: typeof connect;
      sendMessage: typeof sendMessage;
      interrupt: typeof interrupt;
      summary: typeof summary;
      inboundAudio: typeof inboundAudio;
      close: typeof close;
    };
  }
}

window.harness = { connect, sendMessage, interrupt, summary, inboundAudio, close };
