import { draftedAgentMarker, draftedAgentRules, draftRule } from './draftedScenario';
import { improveGreeterRule } from './improvedPrompt';
import { parseScript, type FakeScript, type FakeScriptInput } from './script';

/**
 * What the fake model does by default: the main flow of every shipped scenario in agent-configs/.
 * Agents are recognised by a distinctive tool or a phrase of their instructions, since the SDK sends
 * nothing else about them. To add behaviour, add a rule above the agent's catch-all (rules are tried in order).
 */
export const CUSTOMER_PHONE = '(206) 135-1246';
export const SUPERVISOR_BILL_ANSWER = 'Your last bill was $50.00, due May 28.';
export const HAIKU = 'Petals drift on wind,\nsoft light over quiet hills,\nthe pond holds the moon.';
export const GUARDRAIL_TRIGGER_WORD = 'idiot';
export { defaultScriptInput };

const defaultScriptInput = {
  agents: {
    chatAgent: { toolsInclude: ['getNextResponseFromSupervisor'] },
    greeter: { toolsInclude: ['transfer_to_haikuWriter'] },
    haikuWriter: { instructionsInclude: 'haiku' },
    authentication: { toolsInclude: ['authenticate_user_information'] },
    returns: { toolsInclude: ['checkEligibilityAndPossiblyInitiateReturn'] },
    sales: { instructionsInclude: 'sales' },
    simulatedHuman: { instructionsInclude: 'human' },
    ...draftedAgentMarker,
  },
  realtime: [
    // chatSupervisor: the chat agent defers account questions to the supervisor and reads its answer.
    {
      name: 'chatAgent defers an account question',
      agent: 'chatAgent',
      userSaid: ['account', 'bill', 'phone number', 'balance', 'plan'],
      say: 'Let me check that for you.',
      callTool: {
        name: 'getNextResponseFromSupervisor',
        arguments: { relevantContextFromLastUserMessage: `The caller asks about their last bill; their phone number is ${CUSTOMER_PHONE}.` },
      },
    },
    { name: 'chatAgent reads the supervisor', agent: 'chatAgent', afterToolOutput: 'getNextResponseFromSupervisor', sayToolOutput: true },
    { name: 'chatAgent greets', agent: 'chatAgent', say: "Hi, you've reached Brightwave Mobile, how can I help?" },

    // simpleHandoff: a rude reply on request, which the output guardrail flags (a shipped test checks the trip).
    { name: 'greeter is rude when asked to be', agent: 'greeter', userSaid: 'be rude to me', say: `Fine, you ${GUARDRAIL_TRIGGER_WORD}.` },
    // simpleHandoff: the greeter hands off on "haiku"; the haiku writer writes one.
    { name: 'greeter hands off to the haiku writer', agent: 'greeter', userSaid: ['haiku', 'poem', 'poetry'], handoffTo: 'haikuWriter' },
    { name: 'greeter greets', agent: 'greeter', say: 'Welcome to the poetry studio! Would you like a haiku?' },
    { name: 'haikuWriter writes a haiku', agent: 'haikuWriter', say: HAIKU },

    // customerServiceRetail: authenticate, hand off to returns, look up the order, check eligibility.
    {
      name: 'authentication verifies the caller',
      agent: 'authentication',
      userSaid: ['last four', 'last 4', 'digits', '1246'],
      say: 'Thanks, let me verify that.',
      callTool: {
        name: 'authenticate_user_information',
        arguments: { phone_number: CUSTOMER_PHONE, last_4_digits: '1234', last_4_digits_type: 'credit_card' },
      },
    },
    {
      name: 'authentication hands a verified caller to returns',
      agent: 'authentication',
      afterToolOutput: 'authenticate_user_information',
      handoffTo: 'returns',
    },
    { name: 'authentication hands off to sales', agent: 'authentication', userSaid: ['buy', 'new board', 'deal'], handoffTo: 'sales' },
    {
      name: 'authentication greets',
      agent: 'authentication',
      say: 'Hello, this is Ridgeline Outfitters. To get started, what is your phone number and the last four digits of your card?',
    },
    {
      name: 'returns looks up the orders',
      agent: 'returns',
      afterToolOutput: 'transfer_to_returns',
      callTool: { name: 'lookupOrders', arguments: { phoneNumber: CUSTOMER_PHONE } },
    },
    {
      name: 'returns reads the orders',
      agent: 'returns',
      afterToolOutput: 'lookupOrders',
      say: 'I found your recent order of the Drift 154 all-mountain snowboard. Would you like to return it?',
    },
    {
      name: 'returns reads the policy',
      agent: 'returns',
      userSaid: ['policy'],
      callTool: { name: 'retrievePolicy', arguments: { region: 'US', itemCategory: 'snowboards' } },
    },
    {
      name: 'returns checks eligibility',
      agent: 'returns',
      userSaid: ['yes', 'return', 'damaged'],
      say: 'Let me check whether that can be returned.',
      callTool: {
        name: 'checkEligibilityAndPossiblyInitiateReturn',
        arguments: {
          userDesiredAction: 'return the Drift 154 snowboard for a refund',
          question: 'Drift 154 snowboard, order RO-58321 delivered 2026-10-30, ridden once. Is it eligible for a return?',
        },
      },
    },
    { name: 'returns reads the decision', agent: 'returns', afterToolOutput: 'checkEligibilityAndPossiblyInitiateReturn', sayToolOutput: true },
    { name: 'returns answers a tool result', agent: 'returns', afterToolOutput: '*', say: 'Done. Is there anything else I can help with?' },
    { name: 'returns asks', agent: 'returns', say: 'I can help with your return. Shall I look up your orders?' },
    { name: 'sales greets', agent: 'sales', say: 'The Ridgeline Carve 158 is on sale this week for $399. Would you like to hear more?' },
    { name: 'simulatedHuman greets', agent: 'simulatedHuman', say: 'Hi, this is Sam, a human agent. How can I help?' },
    // The scenario the fake drafts (draftedScenario.ts).
    ...draftedAgentRules,
  ],
  audioTranscripts: [],
  defaultAudioTranscript: 'Hello there',
  responses: [
    // chatSupervisor's supervisor: look up the account, then answer.
    {
      name: 'supervisor looks up the bill',
      toolOffered: 'getUserAccountInfo',
      inputIncludes: ['bill', 'account', 'phone', 'balance'],
      toolCalls: [{ name: 'getUserAccountInfo', arguments: { phone_number: CUSTOMER_PHONE } }],
      text: SUPERVISOR_BILL_ANSWER,
    },
    {
      name: 'supervisor finds a store',
      toolOffered: 'findNearestStore',
      inputIncludes: ['store', 'zip'],
      toolCalls: [{ name: 'findNearestStore', arguments: { zip_code: '98101' } }],
      text: 'The nearest store is at 1500 Pine Street, open 9 to 6.',
    },
    {
      name: 'supervisor reads a policy',
      toolOffered: 'lookupPolicyDocument',
      inputIncludes: ['policy', 'roaming', 'fee'],
      toolCalls: [{ name: 'lookupPolicyDocument', arguments: { topic: 'roaming' } }],
      text: 'Roaming is included in your plan in the US and Canada.',
    },
    // customerServiceRetail's returns decision (reasoning model, structured output).
    {
      name: 'returns eligibility decision',
      schemaHasProperty: 'isEligible',
      json: {
        isEligible: true,
        rationale: 'The order is within the 30-day return window.',
        nextStep: 'I have started your return; a prepaid label is on its way by email.',
      },
    },
    // A scenario test's judge: passes any criterion no rule before this one fails (tests add failing rules).
    {
      name: 'judge passes',
      schemaHasProperty: 'verdict',
      json: { verdict: 'pass', reason: 'The fake judge passes every criterion that no rule of its script fails.' },
    },
    // A simulated caller (a scenario test's `caller`): done once the conversation holds what its goal asked for.
    {
      name: 'caller is done: the answer it wanted came',
      schemaHasProperty: 'done',
      inputIncludes: ['$50.00', 'the pond holds the moon', 'started your return', '30-day return window'],
      json: { message: 'Thanks, that is all I needed.', done: true },
    },
    {
      name: 'caller confirms the return',
      schemaHasProperty: 'done',
      inputIncludes: 'Would you like to return it?',
      json: { message: 'Yes, I want to return it.', done: false },
    },
    {
      name: 'caller gives the phone number',
      schemaHasProperty: 'done',
      inputIncludes: 'last four digits of your card?',
      json: { message: 'My phone number is 206 135 1246 and the last four digits of my card are 1 2 3 4.', done: false },
    },
    {
      name: 'caller asks about a return',
      schemaHasProperty: 'done',
      instructionsInclude: 'return',
      json: { message: 'Hi, I bought a snowboard last week and I want to send it back.', done: false },
    },
    {
      name: 'caller asks for a haiku',
      schemaHasProperty: 'done',
      instructionsInclude: 'haiku',
      json: { message: 'Could you write me a haiku?', done: false },
    },
    {
      name: 'caller asks about the bill',
      schemaHasProperty: 'done',
      json: { message: 'Why is my bill so high this month?', done: false },
    },
    // Output guardrail classifier.
    {
      name: 'guardrail flags an insult',
      schemaHasProperty: 'moderationCategory',
      inputIncludes: GUARDRAIL_TRIGGER_WORD,
      json: { moderationRationale: 'The text insults the user.', moderationCategory: 'OFFENSIVE' },
    },
    {
      name: 'guardrail passes anything else',
      schemaHasProperty: 'moderationCategory',
      json: { moderationRationale: 'Nothing objectionable.', moderationCategory: 'NONE' },
    },
    // A scenario draft (npm run scenario -- draft, New scenario…).
    draftRule,
    // Improve this prompt… on the simpleHandoff greeter.
    improveGreeterRule,
  ],
} satisfies FakeScriptInput;

export function defaultScript(): FakeScript {
  return parseScript(defaultScriptInput, 'the default script');
}
