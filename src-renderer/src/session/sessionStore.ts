import { create } from 'zustand';

export type SessionPhase =
  | { status: 'idle' }
  | { status: 'connecting'; step: string }
  | { status: 'connected' }
  | { status: 'reconnect-needed'; message: string }
  | { status: 'error'; message: string };

export type Codec = 'opus' | 'pcmu' | 'pcma';
export type TurnMode = 'vad' | 'ptt';
export type OutputModality = 'audio' | 'text';

export interface SessionControls {
  readonly scenarioId: string | undefined;
  /** The agent a new session starts with. */
  readonly startAgent: string | undefined;
  readonly mode: TurnMode;
  readonly codec: Codec;
  readonly output: OutputModality;
  readonly muted: boolean;
  readonly playback: boolean;
  /** Minutes; 0 means no cap. */
  readonly lengthCapMinutes: number;
}

interface SessionState extends SessionControls {
  readonly phase: SessionPhase;
  readonly sessionId: string | undefined;
  readonly pttActive: boolean;
  /** Whether microphone audio is being sent right now, read back from the transport. */
  readonly micLive: boolean;
  readonly assistantSpeaking: boolean;
  readonly userSpeaking: boolean;
}

export const useSessionStore = create<SessionState>(() => ({
  scenarioId: undefined,
  startAgent: undefined,
  mode: 'vad',
  codec: 'opus',
  output: 'audio',
  muted: false,
  playback: true,
  lengthCapMinutes: 0,
  phase: { status: 'idle' },
  sessionId: undefined,
  pttActive: false,
  micLive: false,
  assistantSpeaking: false,
  userSpeaking: false,
}));

export function isLive(phase: SessionPhase): boolean {
  return phase.status === 'connected' || phase.status === 'connecting';
}
