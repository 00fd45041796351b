import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { faultSchema } from './faults';
import { FakeOpenAIError } from './fakeError';

/**
 * The declarative script that decides what the fake "model" does. Rules are tried in order and the
 * first one whose conditions all hold wins, so put specific rules before general ones.
 */

const phrases = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const toolCallSchema = z.strictObject({
  name: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()).default({}),
});

/** How to recognise an agent in a realtime session: the SDK sends only its instructions and tools. */
const agentMarkerSchema = z
  .strictObject({
    instructionsInclude: z.string().min(1).optional(),
    toolsInclude: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((marker) => marker.instructionsInclude !== undefined || marker.toolsInclude !== undefined, {
    message: 'an agent marker needs instructionsInclude or toolsInclude',
  });

const realtimeRuleSchema = z
  .strictObject({
    /** Shown in logs and errors. */
    name: z.string().optional(),
    /** A key of `agents`: the rule applies only while that agent is the session's agent. */
    agent: z.string().min(1).optional(),
    /** Case-insensitive substring(s) of the latest user utterance (text, or the transcript of an audio turn); any one matches. */
    userSaid: phrases.optional(),
    /** The latest user message carried an image (`input_image`); with `userSaid`, both must hold. */
    userSentImage: z.literal(true).optional(),
    /**
     * The rule answers the output of this tool (`*` for any). Without it the rule answers a user turn or the
     * turn right after a handoff, so a rule that calls a tool does not fire again on that tool's own output.
     */
    afterToolOutput: z.string().min(1).optional(),
    say: z.string().min(1).optional(),
    /** Say the text in the last tool output (its first string value when it is JSON). */
    sayToolOutput: z.literal(true).optional(),
    callTool: toolCallSchema.optional(),
    /** Shorthand for calling `transfer_to_<agent>` with `{}`. */
    handoffTo: z.string().min(1).optional(),
  })
  .refine((rule) => rule.say ?? rule.sayToolOutput ?? rule.callTool ?? rule.handoffTo, {
    message: 'a realtime rule must do something: say, sayToolOutput, callTool or handoffTo',
  })
  .refine((rule) => !(rule.callTool && rule.handoffTo), { message: 'a realtime rule may call one tool: callTool or handoffTo, not both' })
  .refine((rule) => !(rule.say && rule.sayToolOutput), { message: 'a realtime rule says one thing: say or sayToolOutput, not both' });

const responsesRuleSchema = z
  .strictObject({
    name: z.string().optional(),
    /** Case-insensitive substring(s) of the request's input text; any one matches. */
    inputIncludes: phrases.optional(),
    instructionsInclude: z.string().min(1).optional(),
    /** The request offers a function tool of this name. */
    toolOffered: z.string().min(1).optional(),
    /** The request asks for a json_schema output whose schema has this top-level property. */
    schemaHasProperty: z.string().min(1).optional(),
    /** Called one per response, in order, before the final answer; each must be offered by the request. */
    toolCalls: z.array(toolCallSchema).default([]),
    text: z.string().optional(),
    json: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((rule) => rule.text === undefined || rule.json === undefined, { message: 'a responses rule answers with text or json, not both' });

export const fakeScriptSchema = z.strictObject({
  agents: z.record(z.string(), agentMarkerSchema).default({}),
  realtime: z.array(realtimeRuleSchema).default([]),
  /** Transcripts assigned to the 1st, 2nd, … audio turn of a session. */
  audioTranscripts: z.array(z.string()).default([]),
  /** The transcript of any audio turn beyond `audioTranscripts`. */
  defaultAudioTranscript: z.string().default('Hello there'),
  /** What the realtime model says when no rule matches. */
  fallbackSay: z.string().default('Sorry, I did not catch that. Could you say it again?'),
  responses: z.array(responsesRuleSchema).default([]),
  /** The Responses API answer when no rule matches and no JSON is asked for. */
  fallbackText: z.string().default('I am not sure how to help with that.'),
  faults: z.array(faultSchema).default([]),
});

export type FakeScript = z.output<typeof fakeScriptSchema>;
export type FakeScriptInput = z.input<typeof fakeScriptSchema>;
export type RealtimeRule = FakeScript['realtime'][number];
export type ResponsesRule = FakeScript['responses'][number];
export type AgentMarker = FakeScript['agents'][string];
export type ScriptedToolCall = z.output<typeof toolCallSchema>;

export class ScriptError extends FakeOpenAIError {
  constructor(message: string) {
    super('invalid_script', message);
  }
}

/** Validates a script, naming each bad field by its path (`realtime[2].callTool.name: …`). */
export function parseScript(input: unknown, source = 'the script'): FakeScript {
  const result = fakeScriptSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`);
  throw new ScriptError(`${source} is not a valid fake-openai script:\n  ${problems.join('\n  ')}`);
}

export async function loadScriptFile(path: string): Promise<FakeScript> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ScriptError(`Cannot read the script file ${path}: ${(cause as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ScriptError(`The script file ${path} is not JSON: ${(cause as Error).message}`);
  }
  return parseScript(json, path);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}
