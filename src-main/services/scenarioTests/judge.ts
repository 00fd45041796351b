import type { Judgement } from '../../../src-shared/scenarioTests/testRun';
import type { UpstreamClient } from '../openaiClient';
import { askForJson } from '../structuredOutput';

/**
 * Asks a text model whether the conversation so far meets a criterion: a Responses call with a strict
 * json_schema of `verdict` (pass or fail) and `reason`, the criterion and the conversation as its input.
 */
export async function judgeCriterion(
  upstream: UpstreamClient,
  model: string,
  criterion: string,
  conversation: string,
  signal: AbortSignal,
): Promise<Judgement> {
  const { value, usage } = await askForJson(upstream, 'The judge call', {
    model,
    instructions:
      'You judge a conversation between a user and a voice assistant against one criterion. Judge only what the ' +
      'assistant said and did in the conversation given, most of all in its last turn. Answer pass when the ' +
      'criterion is met and fail when it is not, with a one-sentence reason that quotes what decided it.',
    input: [{ role: 'user', content: `<criterion>${criterion}</criterion>\n<conversation>\n${conversation}\n</conversation>` }],
    schemaName: 'judgement',
    schema: {
      type: 'object',
      properties: { verdict: { type: 'string', enum: ['pass', 'fail'] }, reason: { type: 'string' } },
      required: ['verdict', 'reason'],
      additionalProperties: false,
    },
    signal,
  });
  return { verdict: value['verdict'] === 'pass' ? 'pass' : 'fail', reason: String(value['reason']), model, usage };
}
