import type {
  ConversationItem,
  ConversationItemInputAudioTranscriptionCompletedEvent,
  RealtimeResponseUsage,
} from 'openai/resources/realtime/realtime';
import type { Conversation } from './conversation';

/** What one image costs in the fake's usage (the real API counts by size and detail). */
export const IMAGE_TOKENS = 255;

function imagePartsOf(item: ConversationItem): number {
  return item.type === 'message' && item.role === 'user' ? item.content.filter((part) => part.type === 'input_image').length : 0;
}

/** The fake has no tokenizer: a token is about four characters. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function transcriptionUsage(transcript: string): ConversationItemInputAudioTranscriptionCompletedEvent.TranscriptTextUsageTokens {
  return { type: 'tokens', input_tokens: 20, output_tokens: estimateTokens(transcript), total_tokens: 20 + estimateTokens(transcript) };
}

/** A response's usage: the rest of the conversation as input, its output items' text plus their speech at 1 token per 50 ms. */
export function responseUsage(conversation: Conversation, output: readonly ConversationItem[]): RealtimeResponseUsage {
  const input = conversation.all.filter((item) => !output.includes(item));
  // The fake has no vision: an image costs a fixed count of image tokens, and its data URL is no text.
  const imageIn = input.reduce((sum, item) => sum + imagePartsOf(item) * IMAGE_TOKENS, 0);
  const textIn = estimateTokens(JSON.stringify(input, (key, value: unknown) => (key === 'image_url' ? '' : value)));
  const audioOut = output.reduce((sum, item) => sum + Math.round(conversation.audioMsOf(item.id ?? '') / 50), 0);
  const textOut = estimateTokens(JSON.stringify(output));
  return {
    total_tokens: textIn + imageIn + textOut + audioOut,
    input_tokens: textIn + imageIn,
    output_tokens: textOut + audioOut,
    input_token_details: {
      text_tokens: textIn,
      audio_tokens: 0,
      image_tokens: imageIn,
      cached_tokens: 0,
      cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
    },
    output_token_details: { text_tokens: textOut, audio_tokens: audioOut },
  };
}
