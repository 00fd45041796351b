import type { RealtimeOutputGuardrail } from '@openai/agents/realtime';
import type { SessionPort } from './sessionPort';
import { errorPayload } from '../errors';
import type { Scenario } from '../scenario';
import type { RecordEvent } from './eventRecorder';

type OutputItem = { id?: unknown; type?: unknown; content?: unknown };

function textOfItem(item: OutputItem): string | undefined {
  if (item.type !== 'message' || !Array.isArray(item.content)) return undefined;
  const parts = item.content as { text?: unknown; transcript?: unknown }[];
  for (let index = parts.length - 1; index >= 0; index -= 1) {
    const part = parts[index]!;
    if (typeof part.transcript === 'string') return part.transcript;
    if (typeof part.text === 'string') return part.text;
  }
  return undefined;
}

/**
 * The assistant message of each finished response, in order, so each guardrail run is matched to the
 * item it judges by id. The SDK hands the guardrail only the text; two replies with the same text must
 * still get their own verdicts.
 */
export class ResponseTextQueue {
  private readonly finished: { itemId: string; text: string }[] = [];

  /** From the transport's turn_done, which the SDK handles just before it runs the guardrail. */
  add(output: readonly OutputItem[] | undefined): void {
    const items = output ?? [];
    for (let index = items.length - 1; index >= 0; index -= 1) {
      const text = textOfItem(items[index]!);
      if (text !== undefined) {
        if (text.trim() !== '' && typeof items[index]!.id === 'string') this.finished.push({ itemId: items[index]!.id as string, text });
        return;
      }
    }
  }

  /** The oldest finished reply with this text, taken so that the next identical one goes to its own item. */
  async take(text: string): Promise<string | undefined> {
    // The SDK starts the guardrail inside the same turn_done dispatch; let our listener run first.
    await Promise.resolve();
    const position = this.finished.findIndex((entry) => entry.text.trim() === text.trim());
    if (position === -1) return undefined;
    return this.finished.splice(0, position + 1).at(-1)!.itemId;
  }
}

/**
 * Classifies each finished assistant message on the guardrail model (through main) and records the
 * verdict against the message it judged; a trip lets the SDK cancel the reply and steer the agent.
 */
export function moderationGuardrail(
  api: SessionPort,
  scenario: Scenario,
  sessionId: string,
  record: RecordEvent,
  responses: ResponseTextQueue,
): RealtimeOutputGuardrail {
  return {
    name: 'moderation',
    policyHint: `Stay on brand for ${scenario.guardrail?.companyName ?? 'the company'}: no offensive, violent or off-brand content.`,
    async execute({ agentOutput }) {
      if (agentOutput.trim() === '') return { tripwireTriggered: false, outputInfo: { skipped: 'no text' } };
      const itemId = await responses.take(agentOutput);
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
        record('app', 'guardrail.error', { itemId, ...errorPayload(error) });
        return { tripwireTriggered: false, outputInfo: { error: true } };
      }
    },
  };
}
