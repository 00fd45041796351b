import { RealtimeAgent, RealtimeSession, tool, type RealtimeItem } from '@openai/agents/realtime';
import { z } from 'zod';
import type { FakeOpenAI } from '../../../e2e/fake-openai/server';

/** The shipped scenarios' agents as the real SDK builds them (instructions and tools matter to the fake's script). */
export function chatAgent(supervisorAnswer: string) {
  const getNextResponseFromSupervisor = tool({
    name: 'getNextResponseFromSupervisor',
    description: 'Asks the supervisor what to say next.',
    parameters: z.object({ relevantContextFromLastUserMessage: z.string() }),
    execute: async () => ({ nextResponse: supervisorAnswer }),
  });
  return new RealtimeAgent({
    name: 'chatAgent',
    instructions: "You are the voice of Brightwave Mobile's help line. Defer account questions to the supervisor.",
    tools: [getNextResponseFromSupervisor],
  });
}

export function haikuAgents() {
  const haikuWriter = new RealtimeAgent({ name: 'haikuWriter', instructions: 'You write haiku: three lines of five, seven and five syllables.' });
  const greeter = new RealtimeAgent({
    name: 'greeter',
    instructions: 'You are the front desk of a small poetry studio. Hand off to the haiku writer when asked for a haiku.',
    handoffs: [haikuWriter],
  });
  return { greeter, haikuWriter };
}

/** Connects a RealtimeSession over WebSocket to the fake, collecting its errors. */
export async function connectOverWebSocket(fake: FakeOpenAI, agent: RealtimeAgent, config: ConstructorParameters<typeof RealtimeSession>[1] = {}) {
  const session = new RealtimeSession(agent, { transport: 'websocket', model: 'gpt-realtime', ...config });
  const errors: unknown[] = [];
  session.on('error', (error) => errors.push(error));
  await session.connect({ apiKey: 'sk-test', url: `${fake.baseUrl.replace('http', 'ws')}/v1/realtime?model=gpt-realtime` });
  return { session, errors };
}

/** Resolves once the session's history satisfies `condition`. */
export function historyWhere(
  session: RealtimeSession,
  what: string,
  condition: (history: RealtimeItem[]) => boolean,
  timeoutMs = 15_000,
): Promise<RealtimeItem[]> {
  if (condition(session.history)) return Promise.resolve(session.history);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`history never showed ${what}: ${JSON.stringify(session.history, null, 1)}`)), timeoutMs);
    const listener = (history: RealtimeItem[]) => {
      if (!condition(history)) return;
      clearTimeout(timer);
      session.off('history_updated', listener);
      resolve(history);
    };
    session.on('history_updated', listener);
  });
}

/** The text of assistant messages in history, in order. */
export function assistantSaid(history: readonly RealtimeItem[]): string[] {
  return history.flatMap((item) =>
    item.type === 'message' && item.role === 'assistant' && item.status === 'completed'
      ? [item.content.map((part) => ('transcript' in part ? (part.transcript ?? '') : 'text' in part ? part.text : '')).join('')]
      : [],
  );
}
