import { z } from 'zod';

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
}

const namedKeys: Readonly<Record<string, KeySpec>> = {
  space: { key: 'Space', code: 'Space' },
  tab: { key: 'Tab', code: 'Tab' },
  enter: { key: 'Enter', code: 'Enter' },
  return: { key: 'Enter', code: 'Enter' },
  esc: { key: 'Escape', code: 'Escape' },
  escape: { key: 'Escape', code: 'Escape' },
  backspace: { key: 'Backspace', code: 'Backspace' },
  up: { key: 'ArrowUp', code: 'ArrowUp' },
  down: { key: 'ArrowDown', code: 'ArrowDown' },
  left: { key: 'ArrowLeft', code: 'ArrowLeft' },
  right: { key: 'ArrowRight', code: 'ArrowRight' },
  home: { key: 'Home', code: 'Home' },
  end: { key: 'End', code: 'End' },
  pageup: { key: 'PageUp', code: 'PageUp' },
  pagedown: { key: 'PageDown', code: 'PageDown' },
  insert: { key: 'Insert', code: 'Insert' },
  delete: { key: 'Delete', code: 'Delete' },
};

/** Accelerator spellings of the names `namedKeys` canonicalises, as Electron writes them. */
const acceleratorNames: Readonly<Record<string, string>> = {
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Esc',
};

function keySpec(name: string): KeySpec | undefined {
  const lower = name.toLowerCase();
  const named = namedKeys[lower];
  if (named) return named;
  const fkey = /^f([1-9]|1\d|2[0-4])$/.exec(lower);
  if (fkey) return { key: `F${fkey[1]}`, code: `F${fkey[1]}` };
  if (/^[a-z]$/.test(lower)) return { key: lower.toUpperCase(), code: `Key${lower.toUpperCase()}` };
  if (/^[0-9]$/.test(lower)) return { key: lower, code: `Digit${lower}` };
  const numpad = /^num([0-9])$/.exec(lower);
  if (numpad) return { key: `Numpad${numpad[1]}`, code: `Numpad${numpad[1]}` };
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

const modifierOrder: readonly [Modifier, string][] = [
  ['ctrl', 'Ctrl'],
  ['alt', 'Alt'],
  ['shift', 'Shift'],
  ['meta', 'Super'],
];

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
  const keyName = acceleratorNames[spec.key] ?? spec.key.replace(/^Numpad/, 'num');
  const accelerator = [...modifierOrder.filter(([modifier]) => modifiers[modifier]).map(([, name]) => name), keyName].join('+');
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

export const hotkeyModeSchema = z.enum(['global-hold', 'global-toggle', 'window-only']);
export type HotkeyMode = z.infer<typeof hotkeyModeSchema>;

/** Which way the hotkey works right now, and why (in words for the Settings panel). */
export const hotkeyStatusSchema = z.object({
  mode: hotkeyModeSchema,
  /** The configured accelerator as the user wrote it. */
  accelerator: z.string(),
  reason: z.string(),
  /** Steps to grant what the native hook needs, when the OS asks for a permission (macOS accessibility). */
  howToFix: z.string().optional(),
});
export type HotkeyStatus = z.infer<typeof hotkeyStatusSchema>;

export const pttPushSchema = z.object({ phase: z.enum(['down', 'up']) });
