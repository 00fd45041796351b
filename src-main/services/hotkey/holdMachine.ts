import type { HotkeyModifiers } from '../../../src-shared/hotkey';

/**
 * Push-to-talk from key events, as a pure state machine: down on the first key-down, auto-repeat
 * ignored, up on key-up (or when a modifier of the hotkey is let go), and a safety release when the up
 * never comes. The service feeds it events and `tick`s at `nextDeadline`; it owns no timers itself.
 */
export type HoldState =
  | { readonly phase: 'up'; readonly lastPressAt: number | undefined }
  | { readonly phase: 'held'; readonly lastSeen: number; readonly lastPressAt: number | undefined }
  /** Key-up seen; X11 auto-repeat sends release+press pairs, so a press inside the grace keeps holding. */
  | { readonly phase: 'releasing'; readonly lastSeen: number; readonly releaseAt: number; readonly lastPressAt: number | undefined };

export type HoldInput =
  | { readonly kind: 'key-down'; readonly at: number; readonly modifiers: HotkeyModifiers }
  | { readonly kind: 'key-up'; readonly at: number }
  | { readonly kind: 'modifier-up'; readonly at: number; readonly modifier: keyof HotkeyModifiers }
  /** One press of a global shortcut (no key-up exists there): talk, or stop talking. */
  | { readonly kind: 'toggle'; readonly at: number }
  /** The source of key events went away (hook stopped, setting changed): a held key is let go. */
  | { readonly kind: 'lost'; readonly at: number }
  | { readonly kind: 'tick'; readonly at: number };

export type HoldRelease = 'key-up' | 'modifier-up' | 'toggle' | 'safety' | 'lost';

export interface HoldStep {
  readonly state: HoldState;
  readonly emit?: { readonly phase: 'down' } | { readonly phase: 'up'; readonly why: HoldRelease };
}

export interface HoldConfig {
  readonly modifiers: HotkeyModifiers;
  /** How long after a key-up a key-down still counts as auto-repeat rather than a new press. */
  readonly releaseGraceMs: number;
  /** With no key event for this long, the up is taken as lost and the key released. */
  readonly safetyReleaseMs: number;
  /** Global shortcuts repeat while held; presses closer together than this are one press. */
  readonly toggleRepeatMs: number;
}

export const defaultHoldTimings = { releaseGraceMs: 60, safetyReleaseMs: 60_000, toggleRepeatMs: 700 } as const;

export const initialHoldState: HoldState = { phase: 'up', lastPressAt: undefined };

function sameModifiers(a: HotkeyModifiers, b: HotkeyModifiers): boolean {
  return a.ctrl === b.ctrl && a.alt === b.alt && a.shift === b.shift && a.meta === b.meta;
}

function released(state: HoldState, why: HoldRelease): HoldStep {
  return { state: { phase: 'up', lastPressAt: state.lastPressAt }, emit: { phase: 'up', why } };
}

export function holdStep(state: HoldState, input: HoldInput, config: HoldConfig): HoldStep {
  switch (input.kind) {
    case 'key-down':
      if (!sameModifiers(input.modifiers, config.modifiers)) return { state };
      if (state.phase === 'up') return { state: { phase: 'held', lastSeen: input.at, lastPressAt: state.lastPressAt }, emit: { phase: 'down' } };
      return { state: { phase: 'held', lastSeen: input.at, lastPressAt: state.lastPressAt } };
    case 'key-up':
      if (state.phase !== 'held') return { state };
      return { state: { ...state, phase: 'releasing', releaseAt: input.at + config.releaseGraceMs } };
    case 'modifier-up':
      if (state.phase === 'up' || !config.modifiers[input.modifier]) return { state };
      return released(state, 'modifier-up');
    case 'toggle': {
      const repeat = state.lastPressAt !== undefined && input.at - state.lastPressAt < config.toggleRepeatMs;
      if (repeat) return { state: { ...state, lastPressAt: input.at } };
      if (state.phase === 'up') return { state: { phase: 'held', lastSeen: input.at, lastPressAt: input.at }, emit: { phase: 'down' } };
      return released({ ...state, lastPressAt: input.at }, 'toggle');
    }
    case 'lost':
      return state.phase === 'up' ? { state } : released(state, 'lost');
    case 'tick':
      if (state.phase === 'releasing' && input.at >= state.releaseAt) return released(state, 'key-up');
      if (state.phase !== 'up' && input.at - state.lastSeen >= config.safetyReleaseMs) return released(state, 'safety');
      return { state };
  }
}

/** When the service must `tick` next, or undefined while nothing is pending. */
export function nextDeadline(state: HoldState, config: HoldConfig): number | undefined {
  if (state.phase === 'up') return undefined;
  const safety = state.lastSeen + config.safetyReleaseMs;
  return state.phase === 'releasing' ? Math.min(state.releaseAt, safety) : safety;
}
