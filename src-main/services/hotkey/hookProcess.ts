import { UiohookKey, uIOhook, type UiohookKeyboardEvent } from 'uiohook-napi';
import { keyFromHookArgs, type HookMessage } from './hookProtocol';

/**
 * The keyboard hook's own process (Electron `utilityProcess` or Node `fork`): uiohook aborts the whole
 * process when it cannot open the display or lacks permission, and a throwing listener kills it, so it
 * never runs inside main. It tells main "ready" once the hook runs, then the hotkey's key events.
 */
interface ParentPort {
  postMessage(message: unknown): void;
}

const parentPort = (process as { parentPort?: ParentPort }).parentPort;

function send(message: HookMessage): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

const modifierKeys = new Map<number, 'ctrl' | 'alt' | 'shift' | 'meta'>([
  [UiohookKey.Ctrl, 'ctrl'],
  [UiohookKey.CtrlRight, 'ctrl'],
  [UiohookKey.Alt, 'alt'],
  [UiohookKey.AltRight, 'alt'],
  [UiohookKey.Shift, 'shift'],
  [UiohookKey.ShiftRight, 'shift'],
  [UiohookKey.Meta, 'meta'],
  [UiohookKey.MetaRight, 'meta'],
]);

const keyName = keyFromHookArgs(process.argv);
const keycode = keyName === undefined ? undefined : (UiohookKey as Record<string, number>)[keyName];
if (keycode === undefined) {
  send({ type: 'failed', message: `the hook was given no key it knows (${keyName ?? 'none'})` });
  process.exit(2);
}

function modifiersOf(event: UiohookKeyboardEvent) {
  return { ctrl: event.ctrlKey, alt: event.altKey, shift: event.shiftKey, meta: event.metaKey };
}

uIOhook.on('keydown', (event) => {
  if (event.keycode === keycode) send({ type: 'key', phase: 'down', modifiers: modifiersOf(event) });
});
uIOhook.on('keyup', (event) => {
  if (event.keycode === keycode) send({ type: 'key', phase: 'up', modifiers: modifiersOf(event) });
  const modifier = modifierKeys.get(event.keycode);
  if (modifier) send({ type: 'modifier-up', modifier });
});

try {
  uIOhook.start();
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
// Main going away ends the hook with it.
process.on('disconnect', () => process.exit(0));
