import { describe, expect, it } from 'vitest';
import { defaultScriptInput } from '../../e2e/fake-openai/defaultScript';
import { GREETER_INSTRUCTIONS, GREETER_STATES, GREETER_TONE } from '../../e2e/fake-openai/improvedPrompt';
import type { FakeScriptInput } from '../../e2e/fake-openai/script';
import type { Envelope } from '../../src-shared/contract';
import type { ImprovedPrompt } from '../../src-shared/scenarioDraft/improveContract';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { useTempDirs } from '../support/tempDir';
import { createTestServices } from '../support/testServices';

const makeDir = useTempDirs();
const startFake = useFakeOpenAI();
const KEY = 'sk-test';

async function servicesAgainstFake(script?: FakeScriptInput) {
  const fake = await startFake({ apiKeys: [KEY], ...(script ? { script } : {}) });
  const services = await createTestServices(await makeDir(), { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
  return { fake, services };
}

/** The Responses requests that asked for a rewrite of instructions. */
function improveRequests(fake: Awaited<ReturnType<typeof servicesAgainstFake>>['fake']): Record<string, unknown>[] {
  return fake.received.http
    .filter((request) => request.method === 'POST' && request.path.endsWith('/responses'))
    .map((request) => request.body as Record<string, unknown>)
    .filter((body) => JSON.stringify(body['text'] ?? '').includes('improved_instructions'));
}

function value<T>(envelope: Envelope): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

describe('Improve this prompt… (scenarios:improvePrompt)', () => {
  it('rewrites an agent’s instructions with the improve metaprompt as a strict structured output, telling the model the agent’s tools and handoffs', async () => {
    const { fake, services } = await servicesAgainstFake();
    const improved = value<ImprovedPrompt>(
      await services.dispatch('scenarios:improvePrompt', { scenarioId: 'simpleHandoff', agent: 'greeter', instructions: GREETER_INSTRUCTIONS }),
    );
    expect(improved.instructions).toBe(`${GREETER_TONE}\n\n${GREETER_INSTRUCTIONS}\n\n${GREETER_STATES}`);
    expect(improved.changes).toHaveLength(2);
    expect(improved.metaprompt).toBe('v1');
    expect(improved.model).toBe(value<{ supervisorModel: string }>(await services.dispatch('settings:get', undefined)).supervisorModel);

    const [request, ...more] = improveRequests(fake);
    expect(more).toHaveLength(0);
    expect(request!['model']).toBe(improved.model);
    expect(JSON.stringify(request!['text'])).toContain('"strict":true');
    const instructions = String(request!['instructions']);
    expect(instructions).toContain('Keep every fact, rule, name, number and promise of the current instructions');
    expect(instructions).not.toContain('<!--');
    const input = JSON.stringify(request!['input']);
    expect(input).toContain(`<instructions>\\n${GREETER_INSTRUCTIONS}\\n</instructions>`);
    expect(input).toContain('Agent: greeter');
    // Whom it can hand off to, with when: the haiku writer's public description.
    expect(input).toMatch(/Hands off to:\\n- haikuWriter: \S/);
  });

  it('sends the editor’s text, unsaved edits included, not the file’s', async () => {
    const { fake, services } = await servicesAgainstFake();
    const edited = `${GREETER_INSTRUCTIONS} Always talk like a pirate.`;
    value(await services.dispatch('scenarios:improvePrompt', { scenarioId: 'simpleHandoff', agent: 'greeter', instructions: edited }));
    expect(JSON.stringify(improveRequests(fake)[0]!['input'])).toContain('Always talk like a pirate.');
  });

  it('names an unknown agent, and asks no model', async () => {
    const { fake, services } = await servicesAgainstFake();
    const envelope = await services.dispatch('scenarios:improvePrompt', { scenarioId: 'simpleHandoff', agent: 'nobody', instructions: 'Say hi.' });
    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', field: 'agent', message: 'The scenario simpleHandoff has no agent named nobody.' },
    });
    expect(improveRequests(fake)).toHaveLength(0);
  });

  it('refuses empty instructions before asking a model', async () => {
    const { fake, services } = await servicesAgainstFake();
    const envelope = await services.dispatch('scenarios:improvePrompt', { scenarioId: 'simpleHandoff', agent: 'greeter', instructions: '   ' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('the instructions are empty') } });
    expect(improveRequests(fake)).toHaveLength(0);
  });

  it('reports a rewrite that comes back empty as the model’s fault, naming the field', async () => {
    const { services } = await servicesAgainstFake({
      ...defaultScriptInput,
      responses: [
        { name: 'empty rewrite', schemaHasProperty: 'changes', json: { instructions: ' ', changes: [] } },
        ...(defaultScriptInput.responses ?? []),
      ],
    });
    const envelope = await services.dispatch('scenarios:improvePrompt', { scenarioId: 'simpleHandoff', agent: 'greeter', instructions: 'Say hi.' });
    expect(envelope).toMatchObject({
      ok: false,
      error: {
        code: 'upstream_bad_output',
        field: 'instructions',
        message: expect.stringMatching(/answered the rewrite with a fault in instructions: is empty/),
      },
    });
  });
});
