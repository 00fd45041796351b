import { z } from 'zod';

/**
 * What the keyboard-hook child process says to main. It forwards only the hotkey's own key and the
 * modifier keys' releases, never other typing.
 */
export const hookMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('key'),
    phase: z.enum(['down', 'up']),
    modifiers: z.object({ ctrl: z.boolean(), alt: z.boolean(), shift: z.boolean(), meta: z.boolean() }),
  }),
  z.object({ type: z.literal('modifier-up'), modifier: z.enum(['ctrl', 'alt', 'shift', 'meta']) }),
  /** The hook could not start (it threw rather than aborting the process). */
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type HookMessage = z.infer<typeof hookMessageSchema>;

/** The child's command line: the hotkey's key, by its `UiohookKey` name. */
export function hookArgs(key: string): string[] {
  return ['--key', key];
}

/**
 * The environment the hook child gets: what it needs to reach the display, nothing else, so the API key
 * and other secrets in main's environment never reach it.
 */
export function hookEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const kept = ['DISPLAY', 'XAUTHORITY', 'WAYLAND_DISPLAY', 'XDG_RUNTIME_DIR', 'PATH', 'HOME', 'LANG'];
  return Object.fromEntries(kept.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])));
}

export function keyFromHookArgs(args: readonly string[]): string | undefined {
  const at = args.indexOf('--key');
  return at === -1 ? undefined : args[at + 1];
}
