import type { ConversationItem } from 'openai/resources/realtime/realtime';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_PHONE, defaultScript, HAIKU, SUPERVISOR_BILL_ANSWER } from '../../../e2e/fake-openai/defaultScript';
import { describeTurn, planRealtimeResponse, type SessionView } from '../../../e2e/fake-openai/realtimeModel';
import { planResponsesAnswer } from '../../../e2e/fake-openai/responsesModel';

const script = defaultScript();
const user = (text: string): ConversationItem => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
const call = (name: string, callId = 'call_1'): ConversationItem => ({ type: 'function_call', name, call_id: callId, arguments: '{}' });
const output = (value: string, callId = 'call_1'): ConversationItem => ({ type: 'function_call_output', call_id: callId, output: value });
const plan = (session: SessionView, conversation: ConversationItem[]) => planRealtimeResponse(script, session, describeTurn(conversation));

const chatAgent: SessionView = { instructions: "You are the voice of Brightwave Mobile's help line.", toolNames: ['getNextResponseFromSupervisor'] };
const greeter: SessionView = { instructions: 'You are the front desk of a small poetry studio.', toolNames: ['transfer_to_haikuWriter'] };
const haikuWriter: SessionView = { instructions: 'You write haiku: three lines.', toolNames: [] };
const authentication: SessionView = {
  instructions: 'Authenticate the caller.',
  toolNames: ['authenticate_user_information', 'transfer_to_returns', 'transfer_to_sales'],
};
const returns: SessionView = {
  instructions: 'Handle returns.',
  toolNames: ['lookupOrders', 'retrievePolicy', 'checkEligibilityAndPossiblyInitiateReturn'],
};

describe('the default script, chatSupervisor', () => {
  it('greets on any opening line', () => {
    expect(plan(chatAgent, [user('Hi')])).toMatchObject({ say: "Hi, you've reached Brightwave Mobile, how can I help?", toolCall: undefined });
  });

  it('defers a bill question to the supervisor with a filler, then reads the answer', () => {
    const question = plan(chatAgent, [user('What was my last bill?')]);
    expect(question).toMatchObject({ say: 'Let me check that for you.', toolCall: { name: 'getNextResponseFromSupervisor' } });
    expect(question.toolCall?.arguments).toHaveProperty('relevantContextFromLastUserMessage');
    const answer = plan(chatAgent, [
      user('What was my last bill?'),
      call('getNextResponseFromSupervisor'),
      output(JSON.stringify({ nextResponse: 'Fifty dollars.' })),
    ]);
    expect(answer).toMatchObject({ say: 'Fifty dollars.', toolCall: undefined });
  });

  it('has the supervisor look up the account by phone, then answer', () => {
    const tools = ['lookupPolicyDocument', 'getUserAccountInfo', 'findNearestStore'];
    const base = { instructions: 'You are the supervisor.', inputText: 'The caller asks about their bill.', toolNames: tools };
    expect(planResponsesAnswer(script, { ...base, toolOutputsSinceUser: 0 })).toEqual({
      rule: 'supervisor looks up the bill',
      toolCall: { name: 'getUserAccountInfo', arguments: { phone_number: CUSTOMER_PHONE } },
    });
    expect(planResponsesAnswer(script, { ...base, toolOutputsSinceUser: 1 })).toMatchObject({ text: SUPERVISOR_BILL_ANSWER });
  });
});

describe('the default script, simpleHandoff', () => {
  it('has the greeter greet, and hand off on "haiku"', () => {
    expect(plan(greeter, [user('Hello')]).say).toMatch(/poetry studio/);
    expect(plan(greeter, [user('Can I get a haiku?')])).toMatchObject({
      toolCall: { name: 'transfer_to_haikuWriter', arguments: {} },
      say: undefined,
    });
  });

  it('has the haiku writer answer right after the handoff', () => {
    expect(plan(haikuWriter, [user('Can I get a haiku?'), call('transfer_to_haikuWriter'), output('{"assistant":"haikuWriter"}')]).say).toBe(HAIKU);
  });
});

describe('the default script, customerServiceRetail', () => {
  it('authenticates the caller, then hands a verified caller to returns', () => {
    expect(plan(authentication, [user('I want to return something')]).say).toMatch(/phone number/);
    expect(plan(authentication, [user('It is 206 135 1246, last four 1234')])).toMatchObject({
      toolCall: { name: 'authenticate_user_information', arguments: { phone_number: CUSTOMER_PHONE } },
    });
    expect(plan(authentication, [user('last four 1234'), call('authenticate_user_information'), output('{"ok":true}')])).toMatchObject({
      toolCall: { name: 'transfer_to_returns' },
    });
  });

  it('has returns look up orders after the handoff, then check eligibility with the reasoning model', () => {
    expect(plan(returns, [user('last four 1234'), call('transfer_to_returns'), output('{"assistant":"returns"}')])).toMatchObject({
      toolCall: { name: 'lookupOrders' },
    });
    expect(plan(returns, [user('Yes, I want to return it')])).toMatchObject({ toolCall: { name: 'checkEligibilityAndPossiblyInitiateReturn' } });
    const schema = { type: 'object', properties: { isEligible: { type: 'boolean' }, rationale: { type: 'string' }, nextStep: { type: 'string' } } };
    const decision = planResponsesAnswer(script, {
      instructions: '',
      inputText: 'Is it eligible?',
      toolNames: [],
      jsonSchema: schema,
      toolOutputsSinceUser: 0,
    });
    expect(JSON.parse((decision as { text: string }).text)).toMatchObject({
      isEligible: true,
      rationale: expect.any(String),
      nextStep: expect.any(String),
    });
  });
});

describe('the default script, guardrail classifier', () => {
  const schema = {
    type: 'object',
    properties: {
      moderationRationale: { type: 'string' },
      moderationCategory: { type: 'string', enum: ['OFFENSIVE', 'OFF_BRAND', 'VIOLENCE', 'NONE'] },
    },
  };
  const classify = (text: string) =>
    JSON.parse(
      (
        planResponsesAnswer(script, { instructions: 'Classify.', inputText: text, toolNames: [], jsonSchema: schema, toolOutputsSinceUser: 0 }) as {
          text: string;
        }
      ).text,
    ) as unknown;

  it('answers NONE by default and OFFENSIVE on the trigger word', () => {
    expect(classify('Have a nice day')).toMatchObject({ moderationCategory: 'NONE' });
    expect(classify('You IDIOT')).toMatchObject({ moderationCategory: 'OFFENSIVE' });
  });
});

describe('rules never call a tool the session does not offer', () => {
  it('skips a handoff rule when the transfer tool is missing', () => {
    const noHandoff: SessionView = { ...greeter, toolNames: [] };
    expect(plan(noHandoff, [user('haiku please')]).toolCall).toBeUndefined();
  });
});
