import type { RealtimeAudioFormat } from '@openai/agents/realtime';
import type { Codec } from './sessionControls';

const mimeTypes: Record<Codec, string> = { opus: 'audio/opus', pcmu: 'audio/PCMU', pcma: 'audio/PCMA' };

export const codecLabels: Record<Codec, string> = { opus: 'Opus (48 kHz)', pcmu: 'G.711 µ-law (8 kHz)', pcma: 'G.711 A-law (8 kHz)' };

/** The session's audio format for a codec: phone-line codecs use the matching G.711 format end to end. */
export function sessionAudioFormat(codec: Codec): RealtimeAudioFormat {
  if (codec === 'pcmu') return { type: 'audio/pcmu' };
  if (codec === 'pcma') return { type: 'audio/pcma' };
  return { type: 'audio/pcm', rate: 24000 };
}

/** Makes the peer connection offer only the chosen codec for audio. */
export function preferCodec(peerConnection: RTCPeerConnection, codec: Codec): void {
  const capabilities = RTCRtpReceiver.getCapabilities('audio');
  if (!capabilities) return;
  const wanted = capabilities.codecs.filter((candidate) => candidate.mimeType.toLowerCase() === mimeTypes[codec].toLowerCase());
  if (wanted.length === 0) throw new Error(`This browser cannot send ${codecLabels[codec]}.`);
  for (const transceiver of peerConnection.getTransceivers()) {
    if (transceiver.sender.track?.kind === 'audio' || transceiver.receiver.track.kind === 'audio') transceiver.setCodecPreferences(wanted);
  }
}
