import { readFileSync } from 'node:fs';

/** The pricing table as shipped, read straight from the file so the app's own pricing code is not what checks it. */
export interface Prices {
  takenOn: string;
  models: Record<string, { textInput: number; cachedTextInput?: number; audioInput?: number; audioOutput?: number; textOutput: number }>;
}
export const pricing = JSON.parse(readFileSync('resources/pricing.json', 'utf8')) as Prices;

interface PricedEvent {
  direction: string;
  type: string;
  payload: Record<string, unknown>;
}

type Usage = Record<string, Record<string, number> & { cached_tokens_details?: Record<string, number> }>;

/** Every billed usage in these events (realtime responses, supervisor answers, guardrail verdicts), priced by hand in dollars. */
export function priceByHand(events: readonly PricedEvent[]): number {
  let dollars = 0;
  const realtime = pricing.models['gpt-realtime']!;
  for (const event of events) {
    if (event.type === 'response.done') {
      const usage = (event.payload['response'] as { usage?: Usage }).usage;
      if (!usage) continue;
      const input = usage['input_token_details']!;
      const output = usage['output_token_details']!;
      const cachedText = input.cached_tokens_details?.['text_tokens'] ?? 0;
      const cachedAudio = input.cached_tokens_details?.['audio_tokens'] ?? 0;
      dollars +=
        ((input['text_tokens']! - cachedText) * realtime.textInput +
          cachedText * realtime.cachedTextInput! +
          (input['audio_tokens']! - cachedAudio) * realtime.audioInput! +
          output['text_tokens']! * realtime.textOutput +
          output['audio_tokens']! * realtime.audioOutput!) /
        1_000_000;
    } else if (event.direction === 'app' && (event.type === 'supervisor.response' || event.type === 'guardrail.verdict')) {
      const { model, usage } = event.payload as { model: string; usage: { inputTokens: number; outputTokens: number; cachedInputTokens?: number } };
      const price = pricing.models[model]!;
      const cached = usage.cachedInputTokens ?? 0;
      dollars +=
        ((usage.inputTokens - cached) * price.textInput + cached * price.cachedTextInput! + usage.outputTokens * price.textOutput) / 1_000_000;
    }
  }
  return dollars;
}
