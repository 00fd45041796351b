export type Codec = 'opus' | 'pcmu' | 'pcma';
export type TurnMode = 'vad' | 'ptt';
export type OutputModality = 'audio' | 'text';

/** What the user has chosen in the toolbar; the session's own state is derived from its stream. */
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
  /** Dollars a session may cost before it is ended (a warning at 80 %); 0 means no budget. */
  readonly budgetUsd: number;
}
