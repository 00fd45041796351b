import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_PHONE, HAIKU, SUPERVISOR_BILL_ANSWER } from '../../e2e/fake-openai/defaultScript';
import { HeadlessSession } from '../../src-main/services/scenarioTests/headlessSession';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import { emptyTranscript, type TranscriptEntry } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { useTempDirs } from '../support/tempDir';
import { createTestServices, type TestServices } from '../support/testServices';
import { npmCommand } from '../support/npmCommand';

process.env['OPENAI_AGENTS_DISABLE_TRACING'] = '1';

const makeDir = useTempDirs();
const startFake = useFakeOpenAI();
const SAMPLE = 'resources/sample-session/customer-service-retail.jsonl';

/**
 * Runs a shipped scenario headless, as Node runs it: the session engine over the SDK's WebSocket transport,
 * main's own services for the mint and the model calls, and the session saved through main's log writer.
 */
async function runHeadless(services: TestServices, scenarioId: string, turns: readonly string[]) {
  // The log keeps the scenario as it ran; where the catalog found it is not part of it.
  const { source: _source, ...scenario } = services.scenarios.find(scenarioId);
  const session = await HeadlessSession.open({ services, scenario });
  for (const turn of turns) await session.say(turn);
  const { logId } = await session.close();
  return { events: session.events, logPath: services.sessionLogs.pathOf(logId) };
}

/** What a person reads in a transcript: who said what (and which agent), tool calls and handoffs. */
function readable(entries: readonly TranscriptEntry[]): string[] {
  return entries.flatMap((entry) => {
    if (entry.kind === 'message') return [`${entry.role}${entry.agent ? ` (${entry.agent})` : ''}: ${entry.text}`];
    if (entry.kind === 'tool') return [`tool ${entry.name}(${entry.arguments}) → ${entry.output ?? ''}`];
    if (entry.kind === 'handoff') return [`handoff ${entry.from ?? '?'} → ${entry.to}`];
    return [];
  });
}

function transcriptOf(events: readonly SessionEvent[]): string[] {
  return readable(reduceTranscript(emptyTranscript(), events).entries.toArray());
}

function validate(path: string): { code: number | null; stdout: string } {
  const result = spawnSync(...npmCommand(['run', '--silent', 'log', '--', 'validate', path]), { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout };
}

async function servicesAgainstFake(): Promise<TestServices> {
  const fake = await startFake({ apiKeys: ['sk-test'] });
  return createTestServices(await makeDir(), { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
}

describe('a shipped scenario run headless in Node, through the same session engine as the page', () => {
  it('chatSupervisor: the supervisor answers an account question, and the saved log validates', async () => {
    const services = await servicesAgainstFake();
    const { events, logPath } = await runHeadless(services, 'chatSupervisor', ['What is my account balance?']);
    const transcript = transcriptOf(events);
    expect(transcript).toContain('user: What is my account balance?');
    expect(transcript.some((line) => line.startsWith('tool getNextResponseFromSupervisor('))).toBe(true);
    expect(transcript).toContain(`assistant (chatAgent): ${SUPERVISOR_BILL_ANSWER}`);
    expect(events.some((event) => event.type === 'supervisor.response' && event.payload['model'] === 'gpt-6.1-terra')).toBe(true);
    expect(events.filter((event) => event.type === 'guardrail.verdict').length).toBeGreaterThan(0);
    const validation = validate(logPath);
    expect(validation.stdout).toContain('no problems');
    expect(validation.code).toBe(0);
  });

  it('simpleHandoff: the greeter hands off to the haiku writer, who writes one', async () => {
    const services = await servicesAgainstFake();
    const { events, logPath } = await runHeadless(services, 'simpleHandoff', ['Could you write me a haiku?']);
    const transcript = transcriptOf(events);
    expect(transcript).toContain('handoff greeter → haikuWriter');
    expect(transcript).toContain(`assistant (haikuWriter): ${HAIKU}`);
    expect(events.some((event) => event.type === 'agent.changed' && event.payload['to'] === 'haikuWriter')).toBe(true);
    expect(validate(logPath).code).toBe(0);
  });

  it("customerServiceRetail: the same typed turns give the page's transcript (the bundled sample, recorded in the app)", async () => {
    const sample = readFileSync(SAMPLE, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{"seq"'))
      .map((line) => JSON.parse(line) as SessionEvent);
    const typed = sample.flatMap((event) => {
      const item = event.payload['item'] as { role?: string; content?: { type: string; text?: string }[] } | undefined;
      return event.direction === 'client' && event.type === 'conversation.item.create' && item?.role === 'user'
        ? (item.content ?? []).filter((part) => part.type === 'input_text').map((part) => part.text!)
        : [];
    });
    expect(typed.length).toBeGreaterThanOrEqual(3);
    const services = await servicesAgainstFake();
    const { events, logPath } = await runHeadless(services, 'customerServiceRetail', typed);
    const headless = transcriptOf(events);
    expect(headless.join('\n')).toContain(CUSTOMER_PHONE);
    expect(headless).toEqual(transcriptOf(sample));
    expect(validate(logPath).code).toBe(0);
  });
});
