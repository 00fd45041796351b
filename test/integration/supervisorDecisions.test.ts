import { describe, expect, it } from 'vitest';
import { CUSTOMER_PHONE, SUPERVISOR_BILL_ANSWER } from '../../e2e/fake-openai/defaultScript';
import type { Envelope, SupervisorOutcome } from '../../src-shared/contract';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { useTempDirs } from '../support/tempDir';
import { createTestServices } from '../support/testServices';

const makeDir = useTempDirs();
const startFake = useFakeOpenAI();
const KEY = 'sk-test';

async function servicesAgainstFake() {
  const fake = await startFake({ apiKeys: [KEY] });
  const services = await createTestServices(await makeDir(), { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
  /** The input items of each Responses API request the supervisor made, in order. */
  const inputs = () =>
    fake.received.http.filter((entry) => entry.path === '/v1/responses').map((entry) => (entry.body as { input: Record<string, unknown>[] }).input);
  return { fake, services, inputs };
}

const askingRequest = {
  sessionId: 's1',
  scenarioId: 'chatSupervisor',
  callId: 'call_realtime_1',
  context: 'The caller asks about their last bill.',
  conversation: [{ role: 'user' as const, text: `What is my bill? My number is ${CUSTOMER_PHONE}.` }],
  askTools: ['getUserAccountInfo'],
};

function value<T>(envelope: Envelope): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

type Waiting = Extract<SupervisorOutcome, { status: 'waiting' }>;
type Done = Extract<SupervisorOutcome, { status: 'done' }>;

async function pausedSupervisor() {
  const context = await servicesAgainstFake();
  const waiting = value<Waiting>(await context.services.dispatch('supervisor:run', askingRequest));
  return { ...context, waiting };
}

describe('a supervisor tool set to "ask me"', () => {
  it('pauses the supervisor on the call, naming it and its arguments, before the tool has answered anything', async () => {
    const { waiting, inputs } = await pausedSupervisor();
    expect(waiting).toMatchObject({ status: 'waiting', call: { name: 'getUserAccountInfo', callId: expect.any(String) }, steps: [] });
    expect(JSON.parse(waiting.call.arguments)).toEqual({ phone_number: CUSTOMER_PHONE });
    // One model response so far: the one that called the tool. Nothing was sent back for it yet.
    expect(inputs()).toHaveLength(1);
  });

  it('approved, runs the tool as the scenario says and goes on to the final answer', async () => {
    const { services, waiting, inputs } = await pausedSupervisor();
    const done = value<Done>(await services.dispatch('supervisor:resume', { sessionId: 's1', pauseId: waiting.pauseId, decision: 'approved' }));
    expect(done).toMatchObject({ status: 'done', text: SUPERVISOR_BILL_ANSWER, model: 'gpt-6.1-terra' });
    expect(done.steps).toEqual([
      { name: 'getUserAccountInfo', arguments: waiting.call.arguments, output: expect.objectContaining({ balance: '$50.00' }), approval: 'approved' },
    ]);
    const second = inputs()[1]!;
    expect(second.at(-1)).toMatchObject({ type: 'function_call_output', call_id: waiting.call.callId, output: expect.stringContaining('$50.00') });
    // The usage of both model responses is summed over the pause.
    expect(done.usage.inputTokens).toBeGreaterThanOrEqual(2);
  });

  it('edited, runs with the user’s arguments, which the supervisor model then sees as the call’s, and keeps what the model sent', async () => {
    const { services, waiting, inputs } = await pausedSupervisor();
    const edited = { phone_number: '(555) 000-0001' };
    const done = value<Done>(
      await services.dispatch('supervisor:resume', { sessionId: 's1', pauseId: waiting.pauseId, decision: 'edited', editedArguments: edited }),
    );
    expect(done.steps[0]).toMatchObject({ arguments: JSON.stringify(edited), modelArguments: waiting.call.arguments, approval: 'edited' });
    const call = inputs()[1]!.find((item) => item['type'] === 'function_call');
    expect(call).toMatchObject({ call_id: waiting.call.callId, arguments: JSON.stringify(edited) });
  });

  it('rejected, answers the call with the user’s message instead of running it', async () => {
    const { services, waiting, inputs } = await pausedSupervisor();
    const message = 'Do not look up accounts without the caller’s PIN.';
    const done = value<Done>(
      await services.dispatch('supervisor:resume', { sessionId: 's1', pauseId: waiting.pauseId, decision: 'rejected', message }),
    );
    expect(done.steps).toEqual([{ name: 'getUserAccountInfo', arguments: waiting.call.arguments, output: message, approval: 'rejected' }]);
    expect(inputs()[1]!.at(-1)).toMatchObject({ type: 'function_call_output', call_id: waiting.call.callId, output: message });
  });

  it('is decided once: a second decision, another session’s, or one after the session ended is refused by name', async () => {
    const { services, waiting } = await pausedSupervisor();
    const notWaiting = { ok: false, error: { code: 'not_waiting', field: 'pauseId', message: expect.stringContaining('no longer waiting') } };
    expect(await services.dispatch('supervisor:resume', { sessionId: 'other', pauseId: waiting.pauseId, decision: 'approved' })).toMatchObject(
      notWaiting,
    );
    // Ending the session drops the paused answer (counted with the calls it cancelled).
    expect(value(await services.dispatch('session:end', { sessionId: 's1' }))).toEqual({ cancelled: 1 });
    expect(await services.dispatch('supervisor:resume', { sessionId: 's1', pauseId: waiting.pauseId, decision: 'approved' })).toMatchObject(
      notWaiting,
    );

    const again = await pausedSupervisor();
    value(await again.services.dispatch('supervisor:resume', { sessionId: 's1', pauseId: again.waiting.pauseId, decision: 'approved' }));
    expect(
      await again.services.dispatch('supervisor:resume', { sessionId: 's1', pauseId: again.waiting.pauseId, decision: 'approved' }),
    ).toMatchObject(notWaiting);
  });

  it('never pauses for a name that is not one of the supervisor’s tools, nor when no tool asks', async () => {
    const { services } = await servicesAgainstFake();
    for (const askTools of [['getNextResponseFromSupervisor'], []]) {
      const outcome = value<SupervisorOutcome>(await services.dispatch('supervisor:run', { ...askingRequest, askTools }));
      expect(outcome).toMatchObject({
        status: 'done',
        text: SUPERVISOR_BILL_ANSWER,
        steps: [expect.not.objectContaining({ approval: expect.anything() })],
      });
    }
  });

  it('rejected without a message, tells the model the user declined; "edited" without arguments runs with the model’s', async () => {
    const rejected = await pausedSupervisor();
    const done = value<Done>(
      await rejected.services.dispatch('supervisor:resume', { sessionId: 's1', pauseId: rejected.waiting.pauseId, decision: 'rejected' }),
    );
    expect(done.steps[0]).toMatchObject({ output: 'The user declined this tool call.', approval: 'rejected' });

    const edited = await pausedSupervisor();
    const ran = value<Done>(
      await edited.services.dispatch('supervisor:resume', { sessionId: 's1', pauseId: edited.waiting.pauseId, decision: 'edited' }),
    );
    expect(ran.steps[0]).toEqual({
      name: 'getUserAccountInfo',
      arguments: edited.waiting.call.arguments,
      output: expect.any(Object),
      approval: 'edited',
    });
    expect(edited.inputs()[1]!.find((item) => item['type'] === 'function_call')).toMatchObject({ arguments: edited.waiting.call.arguments });
  });

  it('reports as its duration the supervisor’s own work, leaving out the time the call waited for the user', async () => {
    const started = performance.now();
    const { services, waiting } = await pausedSupervisor();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const done = value<Done>(await services.dispatch('supervisor:resume', { sessionId: 's1', pauseId: waiting.pauseId, decision: 'approved' }));
    const wall = performance.now() - started;
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(done.durationMs).toBeLessThan(wall - 300);
  });

  it('refuses a decision that is not one, naming the field', async () => {
    const { services, waiting } = await pausedSupervisor();
    expect(await services.dispatch('supervisor:resume', { sessionId: 's1', pauseId: waiting.pauseId, decision: 'maybe' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', field: 'decision' },
    });
  });
});
