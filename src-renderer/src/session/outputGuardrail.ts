import type { RealtimeOutputGuardrail } from '@openai/agents/realtime';
import type { WorkbenchApi } from '../../../src-shared/contract';
import type { Scenario } from '../../../src-shared/scenario';
import type { RecordEvent } from '../events/eventRecorder';
import { findAssistantMessage } from './conversation';

/**
 * Classifies each finished assistant message on the guardrail model (through main) and records the
 * verdict against the message it judged; a trip lets the SDK cancel the reply and steer the agent.
 */
export function moderationGuardrail(api: WorkbenchApi, scenario: Scenario, sessionId: string, record: RecordEvent): RealtimeOutputGuardrail {
  return {
    name: 'moderation',
    policyHint: `Stay on brand for ${scenario.guardrail?.companyName ?? 'the company'}: no offensive, violent or off-brand content.`,
    async execute({ agentOutput }) {
      if (agentOutput.trim() === '') return { tripwireTriggered: false, outputInfo: { skipped: 'no text' } };
      const itemId = findAssistantMessage(agentOutput);
      record('app', 'guardrail.request', { itemId, text: agentOutput });
      try {
        const verdict = await api.guardrail.classify({ sessionId, scenarioId: scenario.id, text: agentOutput });
        record('app', 'guardrail.verdict', {
          itemId,
          category: verdict.category,
          rationale: verdict.rationale,
          tripped: verdict.tripped,
          model: verdict.model,
          durationMs: verdict.durationMs,
          usage: verdict.usage,
        });
        return { tripwireTriggered: verdict.tripped, outputInfo: { category: verdict.category, rationale: verdict.rationale } };
      } catch (error) {
        record('app', 'guardrail.error', { itemId, message: error instanceof Error ? error.message : String(error) });
        return { tripwireTriggered: false, outputInfo: { error: true } };
      }
    },
  };
}
