/**
 * The push-to-talk hotkey: an Electron-style accelerator (`F9`, `Ctrl+Shift+Space`) parsed into one key
 * and its modifiers. Each key carries the names the three places that read keys use: Electron's
 * accelerator, the page's `KeyboardEvent.code`, and uiohook-napi's `UiohookKey` (the native hook).
 */
export interface HotkeyModifiers {
  readonly ctrl: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
}

export interface HotkeyBinding {
  /** The accelerator written the one canonical way, e.g. `Ctrl+Shift+Space`. */
  readonly accelerator: string;
  /** The key's name in `UiohookKey`, which is also its canonical accelerator name. */
  readonly key: string;
  /** `KeyboardEvent.code` of the key in the page. */
  readonly code: string;
  readonly modifiers: HotkeyModifiers;
}

export type ParsedHotkey = { ok: true; binding: HotkeyBinding } | { ok: false; message: string };

interface KeySpec {
  readonly key: string;
  readonly code: string;
  /** Its spelling in an Electron accelerator. */
  readonly accelerator: string;
}

/** Keys known by a name, whose hook name and page code are the same. */
function namedKey(lower: string): KeySpec | undefined {
  const named = (key: string, accelerator = key): KeySpec => ({ key, code: key, accelerator });
  switch (lower) {
    case 'space':
      return named('Space');
    case 'tab':
      return named('Tab');
    case 'enter':
    case 'return':
      return named('Enter');
    case 'esc':
    case 'escape':
      return named('Escape', 'Esc');
    case 'backspace':
      return named('Backspace');
    case 'up':
      return named('ArrowUp', 'Up');
    case 'down':
      return named('ArrowDown', 'Down');
    case 'left':
      return named('ArrowLeft', 'Left');
    case 'right':
      return named('ArrowRight', 'Right');
    case 'home':
      return named('Home');
    case 'end':
      return named('End');
    case 'pageup':
      return named('PageUp');
    case 'pagedown':
      return named('PageDown');
    case 'insert':
      return named('Insert');
    case 'delete':
      return named('Delete');
    default:
      return undefined;
  }
}

function keySpec(name: string): KeySpec | undefined {
  const lower = name.toLowerCase();
  const named = namedKey(lower);
  if (named) return named;
  const fkey = /^f([1-9]|1\d|2[0-4])$/.exec(lower);
  if (fkey) return { key: `F${fkey[1]}`, code: `F${fkey[1]}`, accelerator: `F${fkey[1]}` };
  if (/^[a-z]$/.test(lower)) return { key: lower.toUpperCase(), code: `Key${lower.toUpperCase()}`, accelerator: lower.toUpperCase() };
  if (/^[0-9]$/.test(lower)) return { key: lower, code: `Digit${lower}`, accelerator: lower };
  const numpad = /^num([0-9])$/.exec(lower);
  if (numpad) return { key: `Numpad${numpad[1]}`, code: `Numpad${numpad[1]}`, accelerator: `num${numpad[1]}` };
  return undefined;
}

type Modifier = keyof HotkeyModifiers;

function modifierOf(name: string, platform: string): Modifier | undefined {
  switch (name.toLowerCase()) {
    case 'ctrl':
    case 'control':
      return 'ctrl';
    case 'alt':
    case 'option':
      return 'alt';
    case 'shift':
      return 'shift';
    case 'cmd':
    case 'command':
    case 'meta':
    case 'super':
      return 'meta';
    case 'cmdorctrl':
    case 'commandorcontrol':
      return platform === 'darwin' ? 'meta' : 'ctrl';
    default:
      return undefined;
  }
}

/**
 * Parses an accelerator. A name it does not know is reported by name ("unknown key \"Foo\" in
 * \"Ctrl+Foo\""); so are a missing key, two keys, and a modifier given twice.
 */
export function parseHotkey(text: string, platform = 'linux'): ParsedHotkey {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'is empty; name a key such as F9 or Ctrl+Shift+Space' };
  const parts = trimmed.split('+').map((part) => part.trim());
  const modifiers: Record<Modifier, boolean> = { ctrl: false, alt: false, shift: false, meta: false };
  let spec: KeySpec | undefined;
  for (const part of parts) {
    if (part === '') return { ok: false, message: `has an empty part in "${trimmed}"` };
    const modifier = modifierOf(part, platform);
    if (modifier) {
      if (modifiers[modifier]) return { ok: false, message: `names the modifier "${part}" twice in "${trimmed}"` };
      modifiers[modifier] = true;
      continue;
    }
    const found = keySpec(part);
    if (!found) return { ok: false, message: `unknown key "${part}" in "${trimmed}"` };
    if (spec) return { ok: false, message: `names two keys ("${spec.key}" and "${part}") in "${trimmed}"; a hotkey has one key` };
    spec = found;
  }
  if (!spec) return { ok: false, message: `has modifiers but no key in "${trimmed}"` };
  const names = [modifiers.ctrl && 'Ctrl', modifiers.alt && 'Alt', modifiers.shift && 'Shift', modifiers.meta && 'Super', spec.accelerator];
  const accelerator = names.filter((part): part is string => typeof part === 'string').join('+');
  return { ok: true, binding: { accelerator, key: spec.key, code: spec.code, modifiers } };
}

/** The key state a keyboard event carries, in the page or from the hook. */
export interface KeyState {
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
}

/** Whether a key-down in the page is the hotkey: its key, with exactly its modifiers. */
export function matchesHotkey(binding: HotkeyBinding, event: KeyState): boolean {
  const { ctrl, alt, shift, meta } = binding.modifiers;
  return event.code === binding.code && event.ctrlKey === ctrl && event.altKey === alt && event.shiftKey === shift && event.metaKey === meta;
}
