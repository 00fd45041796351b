import { includesAny } from './realtimeModel';
import type { FakeScript, ResponsesRule, ScriptedToolCall } from './script';

/** The parts of a Responses API request the fake model looks at, with the conversation chain already resolved. */
export interface ResponsesTurn {
  instructions: string;
  /** Text of every message in the input, in order. */
  inputText: string;
  toolNames: readonly string[];
  /** The json_schema asked for in `text.format`, if any. */
  jsonSchema?: Record<string, unknown>;
  /** Tool outputs since the latest user message: how far along the rule's tool loop is. */
  toolOutputsSinceUser: number;
}

export type ResponsesPlan = { rule: string; toolCall: ScriptedToolCall } | { rule: string; text: string };

export function planResponsesAnswer(script: FakeScript, turn: ResponsesTurn): ResponsesPlan {
  for (const [index, rule] of script.responses.entries()) {
    if (!ruleMatches(rule, turn)) continue;
    const name = rule.name ?? `responses[${index}]`;
    const nextCall = rule.toolCalls[turn.toolOutputsSinceUser];
    if (nextCall) return { rule: name, toolCall: nextCall };
    if (rule.json !== undefined) return { rule: name, text: JSON.stringify(rule.json) };
    if (rule.text !== undefined) return { rule: name, text: rule.text };
    if (turn.jsonSchema) return { rule: name, text: JSON.stringify(exampleOf(turn.jsonSchema)) };
    return { rule: name, text: script.fallbackText };
  }
  if (turn.jsonSchema) return { rule: 'json_schema example', text: JSON.stringify(exampleOf(turn.jsonSchema)) };
  return { rule: 'fallbackText', text: script.fallbackText };
}

function ruleMatches(rule: ResponsesRule, turn: ResponsesTurn): boolean {
  if (rule.inputIncludes !== undefined && !includesAny(turn.inputText, rule.inputIncludes)) return false;
  if (rule.instructionsInclude !== undefined && !includesAny(turn.instructions, rule.instructionsInclude)) return false;
  if (rule.toolOffered !== undefined && !turn.toolNames.includes(rule.toolOffered)) return false;
  if (rule.schemaHasProperty !== undefined) {
    const properties = turn.jsonSchema?.['properties'] as Record<string, unknown> | undefined;
    if (!properties || !(rule.schemaHasProperty in properties)) return false;
  }
  // A real model can only call offered tools.
  return rule.toolCalls.every((call) => turn.toolNames.includes(call.name));
}

/** A value that satisfies a JSON schema, for structured outputs no rule answers. */
export function exampleOf(schema: Record<string, unknown>): unknown {
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  if ('const' in schema) return schema['const'];
  const anyOf = (schema['anyOf'] ?? schema['oneOf']) as Record<string, unknown>[] | undefined;
  if (anyOf?.[0]) return exampleOf(anyOf[0]);
  const type = Array.isArray(schema['type']) ? schema['type'][0] : schema['type'];
  switch (type) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, exampleOf(value)]));
    }
    case 'array':
      return [];
    case 'boolean':
      return true;
    case 'number':
    case 'integer':
      return 0;
    case 'null':
      return null;
    default:
      return 'example';
  }
}
