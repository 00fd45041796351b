import type { Contract, Domain } from './contract';

/** Every contract channel as `domain:verb`. */
export type ChannelName = { [D in Domain]: `${D}:${keyof Contract[D] & string}` }[Domain];

/** One upstream HTTP request (mint, key test) may take this long before the openai SDK gives up on it… */
export const UPSTREAM_REQUEST_TIMEOUT_MS = 30_000;
/** …and the SDK tries it this many times more after a retryable failure. */
export const UPSTREAM_MAX_RETRIES = 1;
const UPSTREAM_CALL_MS = UPSTREAM_REQUEST_TIMEOUT_MS * (UPSTREAM_MAX_RETRIES + 1);
/** Work that never leaves the machine (settings, key file, scenario catalog). */
const LOCAL_CALL_MS = 10_000;
/** Listing saved sessions reads through crashed logs (no footer) to count their turns. */
const LIBRARY_SCAN_MS = 60_000;
/** A re-run plays every turn of a saved session again, each of which may take a minute against the real API. */
const RERUN_MS = 20 * 60_000;

/**
 * The longest each channel's work may take in main. The one place these numbers live: main stops a
 * session's model call (supervisor, escalation, guardrail) at exactly this deadline and answers `timeout`;
 * upstream calls without a session are bounded by the SDK's request timeout and retries above; and the
 * page bridge's waits are derived from these figures, so the page never gives up on work main still runs.
 */
export const mainTimeoutsMs: Readonly<Record<ChannelName, number>> = {
  'app:info': LOCAL_CALL_MS,
  'settings:get': LOCAL_CALL_MS,
  'settings:set': LOCAL_CALL_MS,
  'key:status': LOCAL_CALL_MS,
  'key:set': LOCAL_CALL_MS,
  'key:clear': LOCAL_CALL_MS,
  'key:test': UPSTREAM_CALL_MS,
  'scenarios:list': LOCAL_CALL_MS,
  'scenarios:save': LOCAL_CALL_MS,
  // A whole scenario is a long answer, and a draft with faults is asked for once more.
  'scenarios:draft': 2 * 3 * UPSTREAM_CALL_MS,
  'scenarios:create': LOCAL_CALL_MS,
  'scenarios:improvePrompt': UPSTREAM_CALL_MS,
  'session:mint': UPSTREAM_CALL_MS,
  'session:end': LOCAL_CALL_MS,
  'supervisor:run': 45_000,
  'supervisor:resume': 45_000,
  'escalation:decide': 90_000,
  'guardrail:classify': 20_000,
  'pricing:get': LOCAL_CALL_MS,
  'layout:get': LOCAL_CALL_MS,
  'layout:save': LOCAL_CALL_MS,
  'log:begin': LOCAL_CALL_MS,
  'log:append': LOCAL_CALL_MS,
  'log:end': LOCAL_CALL_MS,
  'log:audio': LOCAL_CALL_MS,
  'sessions:list': LIBRARY_SCAN_MS,
  'sessions:rename': LOCAL_CALL_MS,
  'sessions:delete': LOCAL_CALL_MS,
  'sessions:reveal': LOCAL_CALL_MS,
  'sessions:startup': LIBRARY_SCAN_MS,
  'sessions:open': LOCAL_CALL_MS,
  'sessions:read': LOCAL_CALL_MS,
  'sessions:close': LOCAL_CALL_MS,
  'sessions:audio': LOCAL_CALL_MS,
  'sessions:image': LOCAL_CALL_MS,
  'sessions:toTest': LIBRARY_SCAN_MS,
  'sessions:compare': LIBRARY_SCAN_MS,
  'sessions:rerun': RERUN_MS,
  'hotkey:status': LOCAL_CALL_MS,
  'updates:status': LOCAL_CALL_MS,
  // A check asks GitHub for the latest release; the download that may follow is not waited for.
  'updates:check': UPSTREAM_CALL_MS,
  'updates:restart': LOCAL_CALL_MS,
  'tests:list': LOCAL_CALL_MS,
  'tests:judge': UPSTREAM_CALL_MS,
  'tests:callerLine': UPSTREAM_CALL_MS,
  'tests:record': LOCAL_CALL_MS,
  'tests:readAudio': LOCAL_CALL_MS,
  'tests:speak': UPSTREAM_CALL_MS,
};

/** What the page adds on top of main's deadline, so main's own `timeout` answer always arrives first. */
export const BRIDGE_MARGIN_MS = 5_000;

/** Main's deadline for a channel; an unknown name gets the local one (the dispatcher refuses it anyway). */
export function mainTimeoutMs(channel: string): number {
  return (mainTimeoutsMs as Record<string, number>)[channel] ?? LOCAL_CALL_MS;
}

/** How long the page's bridge waits for an answer: main's deadline plus a margin, never less. */
export function bridgeTimeoutMs(channel: string): number {
  return mainTimeoutMs(channel) + BRIDGE_MARGIN_MS;
}
