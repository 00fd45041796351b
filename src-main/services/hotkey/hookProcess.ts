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

/** Sends a last message, then ends once it is on its way (a forked child's send is asynchronous). */
function exitAfter(message: HookMessage, code: number): void {
  const exit = () => process.exit(code);
  if (parentPort) {
    parentPort.postMessage(message);
    exit();
  } else if (process.send) process.send(message, exit);
  else exit();
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

function modifiersOf(event: UiohookKeyboardEvent) {
  return { ctrl: event.ctrlKey, alt: event.altKey, shift: event.shiftKey, meta: event.metaKey };
}

function run(): void {
  const keyName = keyFromHookArgs(process.argv);
  const keycode = keyName === undefined ? undefined : (UiohookKey as Record<string, number>)[keyName];
  if (keycode === undefined) return exitAfter({ type: 'failed', message: `the hook was given no key it knows (${keyName ?? 'none'})` }, 2);
  // Without a display libuiohook aborts (SIGABRT, and a crash report where the OS keeps them): say so instead.
  if (process.platform === 'linux' && !process.env['DISPLAY']) return exitAfter({ type: 'failed', message: 'DISPLAY is not set' }, 1);

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
  } catch (error) {
    return exitAfter({ type: 'failed', message: error instanceof Error ? error.message : String(error) }, 1);
  }
  send({ type: 'ready' });
  // Main going away ends the hook with it.
  process.on('disconnect', () => process.exit(0));
}

run();
