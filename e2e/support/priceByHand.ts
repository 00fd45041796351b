import { readFileSync } from 'node:fs';

interface ModelPrices {
  textInput: number;
  cachedTextInput?: number;
  audioInput?: number;
  cachedAudioInput?: number;
  imageInput?: number;
  cachedImageInput?: number;
  textOutput: number;
  audioOutput?: number;
  takenOn?: string;
}

/** The pricing table as shipped, read straight from the file so the app's own pricing code is not what checks it. */
interface Prices {
  takenOn: string;
  models: Record<string, ModelPrices>;
}
const pricing = JSON.parse(readFileSync('resources/pricing.json', 'utf8')) as Prices;

interface PricedEvent {
  direction: string;
  type: string;
  payload: Record<string, unknown>;
}

type Usage = Record<string, Record<string, number> & { cached_tokens_details?: Record<string, number> }>;

/** The realtime model the session ran, as its `session.minted` event says (the app's setting). */
function realtimeModelOf(events: readonly PricedEvent[]): string {
  const minted = events.find((event) => event.direction === 'app' && event.type === 'session.minted');
  if (!minted) throw new Error('priceByHand: the events have no session.minted, so the realtime model is unknown');
  return minted.payload['model'] as string;
}

/** The backend models these events were billed for, as the app's calls named them. */
function backendModels(events: readonly PricedEvent[]): string[] {
  return events
    .filter((event) => event.direction === 'app' && (event.type === 'supervisor.response' || event.type === 'guardrail.verdict'))
    .map((event) => event.payload['model'] as string);
}

/** Every billed usage in these events (realtime responses, supervisor answers, guardrail verdicts), priced by hand in dollars. */
export function priceByHand(events: readonly PricedEvent[]): number {
  let dollars = 0;
  const realtime = pricing.models[realtimeModelOf(events)]!;
  for (const event of events) {
    if (event.type === 'response.done') {
      const usage = (event.payload['response'] as { usage?: Usage }).usage;
      if (!usage) continue;
      const input = usage['input_token_details']!;
      const output = usage['output_token_details']!;
      const cachedText = input.cached_tokens_details?.['text_tokens'] ?? 0;
      const cachedAudio = input.cached_tokens_details?.['audio_tokens'] ?? 0;
      const cachedImage = input.cached_tokens_details?.['image_tokens'] ?? 0;
      const image = input['image_tokens'] ?? 0;
      dollars +=
        ((input['text_tokens']! - cachedText) * realtime.textInput +
          cachedText * realtime.cachedTextInput! +
          (input['audio_tokens']! - cachedAudio) * realtime.audioInput! +
          cachedAudio * realtime.cachedAudioInput! +
          (image - cachedImage) * realtime.imageInput! +
          cachedImage * realtime.cachedImageInput! +
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

/** The dates of the prices `priceByHand` used, as the app words them: `2025-08-28 and 2026-12-03`. */
export function pricesOfByHand(events: readonly PricedEvent[]): string {
  const dates = [
    ...new Set([realtimeModelOf(events), ...backendModels(events)].map((model) => pricing.models[model]!.takenOn ?? pricing.takenOn)),
  ].sort();
  return dates.length === 1 ? dates[0]! : `${dates.slice(0, -1).join(', ')} and ${dates.at(-1)}`;
}
