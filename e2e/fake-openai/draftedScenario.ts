import type { FakeScriptInput } from './script';

/**
 * A scenario draft as a text model answers `npm run scenario -- draft` (and the app's New scenario…): a bike repair
 * shop whose one agent books repairs. The default script answers every draft request with it, and plays its agent,
 * so a drafted scenario connects and its drafted tests pass against the fake.
 */
export const DRAFTED_SHOP = 'Spoke & Chain';

export function bikeShopDraft(change: (draft: Record<string, unknown>) => void = () => undefined): Record<string, unknown> {
  const drafted: Record<string, unknown> = {
    id: 'bikeRepairShop',
    name: 'Bike repair shop',
    description: `Callers book bike repairs with the front desk of ${DRAFTED_SHOP}.`,
    defaultAgent: 'front_desk',
    agents: [
      {
        name: 'front_desk',
        publicDescription: 'Books repairs and says when a bike will be ready.',
        voice: null,
        instructions: `Personality and tone: you answer the phone at ${DRAFTED_SHOP}, a bike repair shop; warm and brief.\n\nStates:\n1. greeting: ask what the bike needs.\n2. booking: read the bike and the fault back character by character, then call book_repair.\n3. done: say the repair is booked and when.`,
        handoffs: [],
        tools: [
          {
            name: 'book_repair',
            description: 'Books a repair slot once the bike and its fault are confirmed.',
            runsOn: 'agent',
            parametersJson: JSON.stringify({
              type: 'object',
              properties: { fault: { type: 'string', description: 'What is wrong with the bike.' } },
              required: ['fault'],
              additionalProperties: false,
            }),
            mockResultJson: JSON.stringify({ booked: true, day: 'Tuesday' }),
          },
        ],
      },
    ],
    supervisor: null,
    escalation: null,
    guardrail: {
      companyName: DRAFTED_SHOP,
      categories: [
        { name: 'PROMISES_FREE_REPAIR', description: 'Promises a repair at no cost.' },
        { name: 'NONE', description: 'Acceptable.' },
      ],
    },
    tests: [
      {
        name: 'books a repair',
        startAgent: null,
        turns: [
          {
            user: 'I want to book a repair, my brakes squeak',
            expect: { toolCalls: ['book_repair'], handoffTo: null, replyIncludes: ['booked'], judge: null },
          },
        ],
      },
    ],
  };
  change(drafted);
  return drafted;
}

/** How the fake recognises the drafted agent, and what it does. */
export const draftedAgentMarker = { frontDesk: { instructionsInclude: DRAFTED_SHOP } } satisfies FakeScriptInput['agents'];

export const draftedAgentRules = [
  {
    name: 'front desk books',
    agent: 'frontDesk',
    userSaid: 'book a repair',
    callTool: { name: 'book_repair', arguments: { fault: 'squeaking brakes' } },
  },
  { name: 'front desk confirms', agent: 'frontDesk', afterToolOutput: 'book_repair', say: 'Your repair is booked for Tuesday.' },
  { name: 'front desk greets', agent: 'frontDesk', say: `Welcome to ${DRAFTED_SHOP}. What does your bike need?` },
] satisfies FakeScriptInput['realtime'];

/** A scenario draft request (its schema has `defaultAgent`) answered with the bike shop. */
export const draftRule = {
  name: 'scenario draft: a bike repair shop',
  schemaHasProperty: 'defaultAgent',
  json: bikeShopDraft(),
} satisfies NonNullable<FakeScriptInput['responses']>[number];
