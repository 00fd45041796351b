/** Where a session is, as its `session.state` events say: the toolbar's state line is folded from them. */
export type SessionPhase =
  | { status: 'idle' }
  | { status: 'connecting'; step: string }
  | { status: 'connected' }
  | { status: 'reconnect-needed'; message: string }
  | { status: 'error'; message: string };

/** Why a session ended, as its log's footer says. */
export type SessionEndReason = 'user' | 'capped' | 'dropped' | 'error';

/**
 * What pressed or released push-to-talk, logged with each `ptt.down` and `ptt.up`: the toolbar button,
 * a key while the window has focus, the global hotkey from main, or the window losing focus mid-hold.
 */
export type PushToTalkSource = 'button' | 'key' | 'global-hotkey' | 'focus-lost';
