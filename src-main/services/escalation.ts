import type { EscalationResult } from '../../src-shared/contract';
import { WorkbenchError } from '../../src-shared/errors';
import type { Scenario } from '../../src-shared/scenario';
import type { UpstreamClient } from './openaiClient';
import { askForJson } from './structuredOutput';

export interface EscalationRequest {
  readonly toolName: string;
  readonly arguments: Record<string, unknown>;
  readonly conversation: readonly { role: 'user' | 'assistant'; text: string }[];
}

/** Hands a high-stakes decision to the reasoning model, with the scenario's output schema. */
export async function runEscalation(
  upstream: UpstreamClient,
  scenario: Scenario,
  model: string,
  request: EscalationRequest,
  signal: AbortSignal,
): Promise<EscalationResult> {
  const escalation = scenario.escalation;
  if (!escalation)
    throw new WorkbenchError('scenario_unknown', `Scenario "${scenario.id}" has no escalation section, so nothing can decide ${request.toolName}.`);
  const started = performance.now();
  const conversation = request.conversation.map((turn) => `${turn.role === 'user' ? 'Customer' : 'Agent'}: ${turn.text}`).join('\n');
  const { value, usage } = await askForJson(upstream, 'The escalation call', {
    model,
    instructions: escalation.instructions,
    input: [
      {
        role: 'user',
        content: `Decision requested by ${request.toolName}: ${JSON.stringify(request.arguments)}\n\nConversation:\n${conversation || '(none)'}`,
      },
    ],
    schemaName: 'decision',
    schema: escalation.outputSchema,
    signal,
  });
  return { model, durationMs: Math.round(performance.now() - started), usage, decision: value };
}
