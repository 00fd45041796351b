import { describe, expect, it } from 'vitest';
import {
  defaultHoldTimings,
  holdStep,
  initialHoldState,
  nextDeadline,
  type HoldConfig,
  type HoldInput,
  type HoldState,
} from '../../../src-main/services/hotkey/holdMachine';

const none = { ctrl: false, alt: false, shift: false, meta: false };
const plain: HoldConfig = { ...defaultHoldTimings, modifiers: none };
const chord: HoldConfig = { ...defaultHoldTimings, modifiers: { ...none, ctrl: true, shift: true } };

/** Runs inputs through the machine and lists what it emitted. */
function run(config: HoldConfig, inputs: HoldInput[], from: HoldState = initialHoldState): { emitted: string[]; state: HoldState } {
  let state = from;
  const emitted: string[] = [];
  for (const input of inputs) {
    const step = holdStep(state, input, config);
    state = step.state;
    if (step.emit) emitted.push(step.emit.phase === 'down' ? 'down' : `up:${step.emit.why}`);
  }
  return { emitted, state };
}

const down = (at: number, modifiers = none): HoldInput => ({ kind: 'key-down', at, modifiers });
const up = (at: number): HoldInput => ({ kind: 'key-up', at });
const tick = (at: number): HoldInput => ({ kind: 'tick', at });

describe('the hold-to-talk state machine', () => {
  it('goes down on the first key-down and ignores auto-repeat, then up once after the key-up', () => {
    const repeats = Array.from({ length: 30 }, (_, index) => down(700 + index * 33));
    const { emitted, state } = run(plain, [down(0), ...repeats, up(1800), tick(1800 + defaultHoldTimings.releaseGraceMs)]);
    expect(emitted).toEqual(['down', 'up:key-up']);
    expect(state.phase).toBe('up');
  });

  it('treats a release and press in the same instant (X11 auto-repeat) as one hold', () => {
    const { emitted } = run(plain, [down(0), up(700), down(700), up(733), down(733), up(2000), tick(2100)]);
    expect(emitted).toEqual(['down', 'up:key-up']);
  });

  it('gives exactly one down and one up per hold over several holds', () => {
    const holds = [0, 5000, 10_000].flatMap((start) => [down(start), down(start + 700), up(start + 1500), tick(start + 1600)]);
    expect(run(plain, holds).emitted).toEqual(['down', 'up:key-up', 'down', 'up:key-up', 'down', 'up:key-up']);
  });

  it('ignores a key-up it never saw go down, and a tick with nothing pending', () => {
    expect(run(plain, [up(0), tick(100)]).emitted).toEqual([]);
  });

  it('releases by itself when the key-up is lost, after the safety time without any key event', () => {
    const { emitted } = run(plain, [
      down(0),
      down(1000),
      tick(1000 + defaultHoldTimings.safetyReleaseMs - 1),
      tick(1000 + defaultHoldTimings.safetyReleaseMs),
    ]);
    expect(emitted).toEqual(['down', 'up:safety']);
  });

  it('asks to be ticked at the release grace, then at the safety time, and not at all when up', () => {
    const held = run(plain, [down(100)]).state;
    expect(nextDeadline(held, plain)).toBe(100 + defaultHoldTimings.safetyReleaseMs);
    const releasing = run(plain, [up(500)], held).state;
    expect(nextDeadline(releasing, plain)).toBe(500 + defaultHoldTimings.releaseGraceMs);
    expect(nextDeadline(initialHoldState, plain)).toBeUndefined();
  });

  it('needs exactly the hotkey’s modifiers to go down, and letting one go counts as the key-up', () => {
    expect(run(chord, [down(0)]).emitted).toEqual([]);
    expect(run(chord, [down(0, { ...none, ctrl: true })]).emitted).toEqual([]);
    const { emitted } = run(chord, [down(0, chord.modifiers), { kind: 'modifier-up', at: 900, modifier: 'shift' }, up(950), tick(2000)]);
    expect(emitted).toEqual(['down', 'up:modifier-up']);
    expect(run(chord, [down(0, chord.modifiers), { kind: 'modifier-up', at: 900, modifier: 'alt' }]).emitted).toEqual(['down']);
  });

  it('lets a held key go when its source is lost', () => {
    expect(run(plain, [down(0), { kind: 'lost', at: 10 }, { kind: 'lost', at: 20 }]).emitted).toEqual(['down', 'up:lost']);
  });

  it('toggles on separate presses of a global shortcut and takes its auto-repeat as the same press', () => {
    const toggle = (at: number): HoldInput => ({ kind: 'toggle', at });
    const { emitted } = run(plain, [toggle(0), toggle(660), toggle(1000), toggle(1033), toggle(3000), toggle(5000)]);
    expect(emitted).toEqual(['down', 'up:toggle', 'down']);
  });
});
