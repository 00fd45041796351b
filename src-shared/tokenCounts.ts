/**
 * Tokens of one response or one model, split as they are priced. Cached input is counted apart from the
 * rest; tokens a usage does not say the kind of are counted as of unknown kind, never as text.
 */
export interface TokenCounts {
  readonly textInput: number;
  readonly cachedTextInput: number;
  readonly audioInput: number;
  readonly cachedAudioInput: number;
  readonly imageInput: number;
  readonly cachedImageInput: number;
  readonly textOutput: number;
  readonly audioOutput: number;
  /** Input tokens the usage gave only as a total: no details, unreadable details, or details short of the total. */
  readonly unknownInput: number;
  /** Output tokens the usage gave only as a total, likewise. */
  readonly unknownOutput: number;
}

export const noTokens: TokenCounts = {
  textInput: 0,
  cachedTextInput: 0,
  audioInput: 0,
  cachedAudioInput: 0,
  imageInput: 0,
  cachedImageInput: 0,
  textOutput: 0,
  audioOutput: 0,
  unknownInput: 0,
  unknownOutput: 0,
};

const kinds = Object.keys(noTokens) as (keyof TokenCounts)[];

export function addTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  return Object.fromEntries(kinds.map((kind) => [kind, a[kind] + b[kind]])) as unknown as TokenCounts;
}

type Payload = Record<string, unknown>;
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);
// Logs written by other clients may hold the details as anything, e.g. the string "[Object]" a console dump leaves.
const details = (value: unknown): Payload => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Payload) : {});

/**
 * A realtime `response.done`'s usage, split by kind. The totals (`input_tokens`, `output_tokens`) are the
 * bill; whatever of them the details do not name by kind is counted as of unknown kind, so a usage whose
 * details are missing or unreadable still counts all its tokens.
 */
export function realtimeTokens(usage: Payload): TokenCounts {
  const input = details(usage['input_token_details']);
  const output = details(usage['output_token_details']);
  const text = num(input['text_tokens']);
  const audio = num(input['audio_tokens']);
  const image = num(input['image_tokens']);
  const cachedSplit = input['cached_tokens_details'];
  const cached = details(cachedSplit);
  // Cached tokens are part of each kind's count. Without their split (early beta logs) they are taken as
  // text, the kind realtime prompt caching mostly holds (instructions and tools), as far as text goes.
  const cachedText = Math.min(text, cachedSplit === undefined ? num(input['cached_tokens']) : num(cached['text_tokens']));
  const cachedAudio = Math.min(audio, num(cached['audio_tokens']));
  const cachedImage = Math.min(image, num(cached['image_tokens']));
  const textOutput = num(output['text_tokens']);
  const audioOutput = num(output['audio_tokens']);
  return {
    textInput: text - cachedText,
    cachedTextInput: cachedText,
    audioInput: audio - cachedAudio,
    cachedAudioInput: cachedAudio,
    imageInput: image - cachedImage,
    cachedImageInput: cachedImage,
    textOutput,
    audioOutput,
    unknownInput: Math.max(0, num(usage['input_tokens']) - text - audio - image),
    unknownOutput: Math.max(0, num(usage['output_tokens']) - textOutput - audioOutput),
  };
}

/** A backend call's usage as main reports it (`inputTokens`, `outputTokens`, optional `cachedInputTokens`): text models, all text. */
export function backendTokens(usage: Payload): TokenCounts {
  const input = num(usage['inputTokens']);
  const cached = Math.min(input, num(usage['cachedInputTokens']));
  return { ...noTokens, textInput: input - cached, cachedTextInput: cached, textOutput: num(usage['outputTokens']) };
}
