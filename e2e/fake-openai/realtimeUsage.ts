import type {
  ConversationItem,
  ConversationItemInputAudioTranscriptionCompletedEvent,
  RealtimeResponseUsage,
} from 'openai/resources/realtime/realtime';
import type { Conversation } from './conversation';

/** The fake has no tokenizer: a token is about four characters. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function transcriptionUsage(transcript: string): ConversationItemInputAudioTranscriptionCompletedEvent.TranscriptTextUsageTokens {
  return { type: 'tokens', input_tokens: 20, output_tokens: estimateTokens(transcript), total_tokens: 20 + estimateTokens(transcript) };
}

/** A response's usage: the rest of the conversation as input, its output items' text plus their speech at 1 token per 50 ms. */
export function responseUsage(conversation: Conversation, output: readonly ConversationItem[]): RealtimeResponseUsage {
  const textIn = estimateTokens(JSON.stringify(conversation.all.filter((item) => !output.includes(item))));
  const audioOut = output.reduce((sum, item) => sum + Math.round(conversation.audioMsOf(item.id ?? '') / 50), 0);
  const textOut = estimateTokens(JSON.stringify(output));
  return {
    total_tokens: textIn + textOut + audioOut,
    input_tokens: textIn,
    output_tokens: textOut + audioOut,
    input_token_details: { text_tokens: textIn, audio_tokens: 0, cached_tokens: 0, cached_tokens_details: { text_tokens: 0, audio_tokens: 0 } },
    output_token_details: { text_tokens: textOut, audio_tokens: audioOut },
  };
}
