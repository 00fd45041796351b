import type { RealtimeAudioFormat, RealtimeSession, RealtimeTransportLayer } from '@openai/agents/realtime';
import type { MintedSession } from '../contract';
import type { RecordEvent } from './eventRecorder';

export type TurnMode = 'vad' | 'ptt';

/** How the session is to be held, as chosen when it starts. */
export interface EngineControls {
  readonly startAgent: string | undefined;
  readonly output: 'audio' | 'text';
  readonly mode: TurnMode;
  /** Closes the session after this many minutes; 0 for no cap. */
  readonly lengthCapMinutes: number;
  /** What the log's `session.started` says of the codec (the host picks the wire format). */
  readonly codec: string;
}

export interface EarlierMessage {
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly agent: string | undefined;
}

/** What the host around the engine does: the transport and the audio it carries. */
export interface SessionHost {
  /** The audio format both ways (`audio/pcm` at 24 kHz, or G.711 for a phone-line codec). */
  readonly audioFormat: RealtimeAudioFormat;
  /** The step shown while the transport connects (`Connecting over WebRTC…`). */
  readonly connectingStep: string;
  /** Opens what the transport needs (the microphone) and makes it, for the minted session. */
  transport(minted: MintedSession, record: RecordEvent): Promise<RealtimeTransportLayer>;
  /** The session is up: start playing, route the speaker, apply the microphone. */
  connected?(): void;
  /** Which of the user's audio goes out now (muted, or push-to-talk up): called whenever that may change. */
  applyMicrophone?(session: RealtimeSession, pttActive: boolean): void;
  /** The session is ending: no more of the user's audio goes out (and the host says so). */
  microphoneOff?(): void;
  /** Lets go of what `transport` opened (called once, however the session ends). */
  release(): void;
}
