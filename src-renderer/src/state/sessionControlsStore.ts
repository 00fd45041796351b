import { create } from 'zustand';
import type { SessionControls } from '../engine/live/sessionControls';

export type { Codec, OutputModality, SessionControls, TurnMode } from '../engine/live/sessionControls';

/** What the user has chosen in the toolbar; the session's own state is derived from its stream. */
export const useSessionControls = create<SessionControls>(() => ({
  scenarioId: undefined,
  startAgent: undefined,
  mode: 'vad',
  codec: 'opus',
  output: 'audio',
  muted: false,
  playback: true,
  lengthCapMinutes: 0,
  budgetUsd: 0,
}));
