import type { Usage } from '../../../src-shared/contract';
import type { UpstreamClient } from '../openaiClient';
import { askForJson } from '../structuredOutput';

/** Who the simulated caller is and what they want, as the tests file says. */
export interface CallerBrief {
  readonly persona: string;
  readonly goal: string;
}

export interface CallerLine {
  /** What the caller says next (empty when it is done and says nothing more). */
  readonly message: string;
  readonly done: boolean;
  readonly usage: Usage;
}

/**
 * The caller's next line: a Responses call whose instructions hold the persona and the goal as written,
 * whose input is the conversation so far, and whose strict json_schema answer is `message` and `done`.
 */
export async function nextCallerLine(
  upstream: UpstreamClient,
  model: string,
  brief: CallerBrief,
  conversation: string,
  signal: AbortSignal,
): Promise<CallerLine> {
  const { value, usage } = await askForJson(upstream, 'The simulated caller', {
    model,
    instructions:
      `You play a person calling a voice assistant. Stay in character; say one short, natural spoken line at a time.\n` +
      `<persona>${brief.persona}</persona>\n<goal>${brief.goal}</goal>\n` +
      'Set done to true once your goal is reached or you would hang up; otherwise done is false.',
    input: [
      {
        role: 'user',
        content: conversation === '' ? '(The call has just connected; you speak first.)' : `<conversation>\n${conversation}\n</conversation>`,
      },
    ],
    schemaName: 'caller_turn',
    schema: {
      type: 'object',
      properties: { message: { type: 'string' }, done: { type: 'boolean' } },
      required: ['message', 'done'],
      additionalProperties: false,
    },
    signal,
  });
  return { message: String(value['message']).trim(), done: value['done'] === true, usage };
}

/** The model that speaks a voice caller's lines (the Speech API); its `pcm` answer is 24 kHz mono PCM16. */
export const CALLER_SPEECH_MODEL = 'gpt-4o-mini-tts';
export const CALLER_SPEECH_VOICE = 'alloy';

/** A caller's line as speech, for a `voice: true` caller: `POST /v1/audio/speech`, PCM16 mono at 24 kHz. */
export async function speakLine(upstream: UpstreamClient, text: string, signal: AbortSignal): Promise<Int16Array> {
  const response = await upstream.call('The caller’s speech', (client) =>
    client.audio.speech.create({ model: CALLER_SPEECH_MODEL, voice: CALLER_SPEECH_VOICE, input: text, response_format: 'pcm' }, { signal }),
  );
  const bytes = new Uint8Array(await response.arrayBuffer());
  return new Int16Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 2));
}
