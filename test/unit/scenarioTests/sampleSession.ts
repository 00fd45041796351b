import { readFileSync } from 'node:fs';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { parseLogLine } from '../../../src-shared/sessionLog';
import { observeSession, type ObservedSession, type ObservedTurn } from '../../../src-shared/scenarioTests/observedTurns';
import type { PricingTable } from '../../../src-shared/pricing';

export const SAMPLE = 'resources/sample-session/customer-service-retail.jsonl';

/** The bundled sample's text, to edit a copy of with a string replacement. */
export const sampleText = (): string => readFileSync(SAMPLE, 'utf8');

export function eventsOf(text: string): SessionEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(parseLogLine)
    .flatMap((line) => (line.kind === 'event' ? [line.event] : []));
}

export const pricing: PricingTable = {
  takenOn: '2026-12-03',
  source: 'test',
  currency: 'USD',
  unit: 'per 1M tokens',
  models: { 'gpt-realtime': { textInput: 4, textOutput: 16, audioInput: 32, audioOutput: 64, cachedTextInput: 0.4, cachedAudioInput: 0.4 } },
};

/** The sample, or a copy of its text with each `[from, to]` replaced everywhere, split into turns. */
export function observedSample(...replacements: [string, string][]): ObservedSession {
  const text = replacements.reduce((edited, [from, to]) => edited.replaceAll(from, to), sampleText());
  return observeSession(eventsOf(text), pricing);
}

/** A copy of the sample with the turn at `at` (0-based) changed by `edit`. */
export function withTurn(session: ObservedSession, at: number, edit: (turn: ObservedTurn) => Partial<ObservedTurn>): ObservedSession {
  return { ...session, turns: session.turns.map((turn, index) => (index === at ? { ...turn, ...edit(turn) } : turn)) };
}
