import type { GuardrailResult } from '../../src-shared/contract';
import type { Scenario } from '../../src-shared/scenario';
import type { UpstreamClient } from './openaiClient';
import { askForJson } from './structuredOutput';

const defaultGuardrail: NonNullable<Scenario['guardrail']> = {
  companyName: 'the company',
  categories: [
    { name: 'OFFENSIVE', description: 'Insults, slurs or demeaning language.' },
    { name: 'OFF_BRAND', description: 'Talk that disparages the company or strays far from its business.' },
    { name: 'VIOLENCE', description: 'Threats, glorified violence or instructions to harm.' },
    { name: 'NONE', description: 'Acceptable output.' },
  ],
};

/** Classifies what the assistant said into the scenario's categories; anything but NONE trips. */
export async function classifyOutput(
  upstream: UpstreamClient,
  scenario: Scenario,
  model: string,
  text: string,
  signal: AbortSignal,
): Promise<GuardrailResult> {
  const guardrail = scenario.guardrail ?? defaultGuardrail;
  const started = performance.now();
  const names = guardrail.categories.map((category) => category.name);
  const { value, usage } = await askForJson(upstream, 'The guardrail call', {
    model,
    instructions: `You classify what a voice agent for ${guardrail.companyName} said. Categories:\n${guardrail.categories.map((category) => `- ${category.name}: ${category.description}`).join('\n')}\nPick the single best category and give a one-sentence rationale.`,
    input: [{ role: 'user', content: `<agent_output>${text}</agent_output>` }],
    schemaName: 'output_classification',
    schema: {
      type: 'object',
      properties: { moderationRationale: { type: 'string' }, moderationCategory: { type: 'string', enum: names } },
      required: ['moderationRationale', 'moderationCategory'],
      additionalProperties: false,
    },
    signal,
  });
  const category = String(value['moderationCategory']);
  return {
    model,
    durationMs: Math.round(performance.now() - started),
    usage,
    category,
    rationale: String(value['moderationRationale']),
    tripped: category !== 'NONE',
  };
}
