import { readFileSync } from 'node:fs';
import type { FakeScriptInput } from './script';

/** The shipped simpleHandoff greeter's instructions, read from its scenario file so the rewrite below stays true to it. */
const shipped = JSON.parse(readFileSync(new URL('../../agent-configs/simpleHandoff.json', import.meta.url), 'utf8')) as {
  agents: { name: string; instructions: string }[];
};
export const GREETER_INSTRUCTIONS = shipped.agents.find((agent) => agent.name === 'greeter')!.instructions;

export const GREETER_TONE = 'Personality and tone: the warm, unhurried front desk of a small poetry studio; one short sentence per turn.';
export const GREETER_STATES = [
  'States:',
  '1. greeting: greet the caller and ask whether they would like a haiku. When they want one, or mention poems, go to state 2.',
  '2. handoff: tell the caller you are passing them to the haiku writer, then transfer to haikuWriter.',
].join('\n');

/**
 * Improve this prompt… as a text model answers it for the shipped greeter: the current text kept word for word
 * (as the metaprompt asks), a tone section added before it and the states after it, so the diff has two changes.
 */
export const improveGreeterRule = {
  name: 'improve a prompt: the greeter',
  schemaHasProperty: 'changes',
  inputIncludes: 'Agent: greeter',
  json: {
    instructions: `${GREETER_TONE}\n\n${GREETER_INSTRUCTIONS}\n\n${GREETER_STATES}`,
    changes: ['Added a personality and tone section.', 'Added numbered states with the handoff to haikuWriter as a transition.'],
  },
} satisfies NonNullable<FakeScriptInput['responses']>[number];
