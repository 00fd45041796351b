import { describe, expect, it } from 'vitest';
import { matchesHotkey, parseHotkey } from '../../../src-shared/hotkey';
import { settingsPatchSchema } from '../../../src-shared/settings';
import { describeZodError } from '../../../src-shared/errors';

const none = { ctrl: false, alt: false, shift: false, meta: false };

describe('the push-to-talk accelerator parser', () => {
  it('reads a lone function key', () => {
    expect(parseHotkey('F9')).toEqual({ ok: true, binding: { accelerator: 'F9', key: 'F9', code: 'F9', modifiers: none } });
  });

  it('reads modifiers in any order and spelling, and writes them back one canonical way', () => {
    const parsed = parseHotkey('shift + control+space');
    expect(parsed).toEqual({
      ok: true,
      binding: { accelerator: 'Ctrl+Shift+Space', key: 'Space', code: 'Space', modifiers: { ...none, ctrl: true, shift: true } },
    });
  });

  it('maps letters, digits, arrows and the numpad to the hook name and the page key code', () => {
    expect(parseHotkey('Alt+k')).toMatchObject({ ok: true, binding: { accelerator: 'Alt+K', key: 'K', code: 'KeyK' } });
    expect(parseHotkey('Ctrl+7')).toMatchObject({ ok: true, binding: { key: '7', code: 'Digit7' } });
    expect(parseHotkey('Super+Up')).toMatchObject({ ok: true, binding: { accelerator: 'Super+Up', key: 'ArrowUp', code: 'ArrowUp' } });
    expect(parseHotkey('num5')).toMatchObject({ ok: true, binding: { accelerator: 'num5', key: 'Numpad5', code: 'Numpad5' } });
    expect(parseHotkey('F24')).toMatchObject({ ok: true, binding: { key: 'F24' } });
  });

  it.each([
    ['Space', 'Space', 'Space', 'Space'],
    ['Tab', 'Tab', 'Tab', 'Tab'],
    ['Return', 'Enter', 'Enter', 'Enter'],
    ['Enter', 'Enter', 'Enter', 'Enter'],
    ['Esc', 'Esc', 'Escape', 'Escape'],
    ['Escape', 'Esc', 'Escape', 'Escape'],
    ['Backspace', 'Backspace', 'Backspace', 'Backspace'],
    ['Down', 'Down', 'ArrowDown', 'ArrowDown'],
    ['Left', 'Left', 'ArrowLeft', 'ArrowLeft'],
    ['Right', 'Right', 'ArrowRight', 'ArrowRight'],
    ['Home', 'Home', 'Home', 'Home'],
    ['End', 'End', 'End', 'End'],
    ['PageUp', 'PageUp', 'PageUp', 'PageUp'],
    ['PageDown', 'PageDown', 'PageDown', 'PageDown'],
    ['Insert', 'Insert', 'Insert', 'Insert'],
    ['Delete', 'Delete', 'Delete', 'Delete'],
    ['F1', 'F1', 'F1', 'F1'],
    ['f19', 'F19', 'F19', 'F19'],
  ])('reads the key %s as %s (hook %s, page %s)', (text, accelerator, key, code) => {
    expect(parseHotkey(text)).toEqual({ ok: true, binding: { accelerator, key, code, modifiers: none } });
  });

  it.each([
    ['Control+F9', 'Ctrl+F9'],
    ['Option+F9', 'Alt+F9'],
    ['Command+F9', 'Super+F9'],
    ['Cmd+F9', 'Super+F9'],
    ['Meta+F9', 'Super+F9'],
    ['CommandOrControl+F9', 'Ctrl+F9'],
    ['Super+Alt+Shift+Ctrl+F9', 'Ctrl+Alt+Shift+Super+F9'],
  ])('reads the modifiers in %s as %s', (text, accelerator) => {
    expect(parseHotkey(text)).toMatchObject({ ok: true, binding: { accelerator } });
  });

  it('reads CmdOrCtrl as Command on macOS and Control elsewhere', () => {
    expect(parseHotkey('CmdOrCtrl+F9', 'darwin')).toMatchObject({
      ok: true,
      binding: { accelerator: 'Super+F9', modifiers: { meta: true, ctrl: false } },
    });
    expect(parseHotkey('CmdOrCtrl+F9', 'linux')).toMatchObject({
      ok: true,
      binding: { accelerator: 'Ctrl+F9', modifiers: { meta: false, ctrl: true } },
    });
  });

  it('names the part it cannot read', () => {
    expect(parseHotkey('Ctrl+Foo')).toEqual({ ok: false, message: 'unknown key "Foo" in "Ctrl+Foo"' });
    expect(parseHotkey('F25')).toEqual({ ok: false, message: 'unknown key "F25" in "F25"' });
    expect(parseHotkey('Ctrl+Shift')).toEqual({ ok: false, message: 'has modifiers but no key in "Ctrl+Shift"' });
    expect(parseHotkey('A+B')).toEqual({ ok: false, message: 'names two keys ("A" and "B") in "A+B"; a hotkey has one key' });
    expect(parseHotkey('Ctrl+Control+A')).toEqual({ ok: false, message: 'names the modifier "Control" twice in "Ctrl+Control+A"' });
    expect(parseHotkey('Ctrl++A')).toEqual({ ok: false, message: 'has an empty part in "Ctrl++A"' });
    expect(parseHotkey('  ')).toMatchObject({ ok: false, message: expect.stringContaining('is empty') });
    for (const name of ['xF9', 'F99', '12', 'xnum5', 'num55', 'AB'])
      expect(parseHotkey(name)).toEqual({ ok: false, message: `unknown key "${name}" in "${name}"` });
  });

  it('matches a key-down only with exactly the hotkey’s modifiers', () => {
    const parsed = parseHotkey('Ctrl+Shift+Space');
    if (!parsed.ok) throw new Error(parsed.message);
    const event = { code: 'Space', ctrlKey: true, shiftKey: true, altKey: false, metaKey: false };
    expect(matchesHotkey(parsed.binding, event)).toBe(true);
    expect(matchesHotkey(parsed.binding, { ...event, altKey: true })).toBe(false);
    expect(matchesHotkey(parsed.binding, { ...event, shiftKey: false })).toBe(false);
    expect(matchesHotkey(parsed.binding, { ...event, ctrlKey: false })).toBe(false);
    expect(matchesHotkey(parsed.binding, { ...event, metaKey: true })).toBe(false);
    expect(matchesHotkey(parsed.binding, { ...event, code: 'Enter' })).toBe(false);
  });

  it('is what the pttHotkey setting is checked with, so a refusal names the field and the key', () => {
    const result = settingsPatchSchema.safeParse({ pttHotkey: 'Ctrl+Foo' });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeZodError(result.error).message).toBe('pttHotkey: unknown key "Foo" in "Ctrl+Foo"');
    expect(settingsPatchSchema.safeParse({ pttHotkey: 'Ctrl+Shift+Space' }).success).toBe(true);
  });
});
