import { voiceFault } from './sessionConfig';

/**
 * The documented value ranges of the session fields the workbench sets, checked as the API checks them: the
 * first field out of range refuses the whole request, with the field's full path as `param` and the API's
 * wording and codes (`integer_above_max_value`, `decimal_below_min_value`, `invalid_type`, `invalid_value`).
 */
export interface SessionFieldFault {
  readonly param: string;
  readonly code: string;
  readonly message: string;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' && Number.isInteger(value) ? 'an integer' : `a ${typeof value}`;
}

const wrongType = (param: string, expected: string, value: unknown): SessionFieldFault => ({
  param,
  code: 'invalid_type',
  message: `Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.`,
});

const notOneOf = (param: string, value: unknown, allowed: readonly string[]): SessionFieldFault => ({
  param,
  code: 'invalid_value',
  message: `Invalid value: '${typeof value === 'string' ? value : JSON.stringify(value)}'. Supported values are: ${allowed.map((name) => `'${name}'`).join(', ')}.`,
});

/** A number within [min, max], an integer when `integer`; the fault in the API's words otherwise. */
function rangeFault(param: string, value: unknown, min: number, max: number, integer: boolean): SessionFieldFault | undefined {
  const kind = integer ? 'integer' : 'decimal';
  if (typeof value !== 'number' || (integer && !Number.isInteger(value))) return wrongType(param, integer ? 'an integer' : 'a decimal', value);
  if (value < min)
    return {
      param,
      code: `${kind}_below_min_value`,
      message: `Invalid '${param}': ${kind} below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
    };
  if (value > max)
    return {
      param,
      code: `${kind}_above_max_value`,
      message: `Invalid '${param}': ${kind} above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
    };
  return undefined;
}

const stringList = (param: string, value: unknown): SessionFieldFault | undefined =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? undefined : wrongType(param, 'an array of strings', value);

type Rule = (value: unknown) => SessionFieldFault | undefined;

const efforts = ['minimal', 'low', 'medium', 'high', 'xhigh'];
const transcriptionDelays = ['minimal', 'low', 'medium', 'high', 'xhigh'];

const rules: Record<string, Rule> = {
  'session.reasoning': (value) => {
    if (!isRecord(value)) return wrongType('session.reasoning', 'an object', value);
    return value['effort'] === undefined || efforts.includes(value['effort'] as string)
      ? undefined
      : notOneOf('session.reasoning.effort', value['effort'], efforts);
  },
  'session.parallel_tool_calls': (value) => (typeof value === 'boolean' ? undefined : wrongType('session.parallel_tool_calls', 'a boolean', value)),
  'session.tool_choice': (value) => {
    if (typeof value === 'string')
      return ['auto', 'none', 'required'].includes(value) ? undefined : notOneOf('session.tool_choice', value, ['auto', 'none', 'required']);
    if (isRecord(value) && value['type'] === 'function' && typeof value['name'] === 'string') return undefined;
    if (isRecord(value) && value['type'] === 'mcp' && typeof value['server_label'] === 'string') return undefined;
    return wrongType('session.tool_choice', "'auto', 'none', 'required' or a function or mcp tool choice", value);
  },
  'session.max_output_tokens': (value) => (value === 'inf' ? undefined : rangeFault('session.max_output_tokens', value, 1, 4096, true)),
  'session.truncation': (value) => {
    if (typeof value === 'string')
      return ['auto', 'disabled'].includes(value) ? undefined : notOneOf('session.truncation', value, ['auto', 'disabled']);
    if (!isRecord(value) || value['type'] !== 'retention_ratio')
      return wrongType('session.truncation', "'auto', 'disabled' or a retention_ratio object", value);
    const ratio = rangeFault('session.truncation.retention_ratio', value['retention_ratio'], 0, 1, false);
    if (ratio) return ratio;
    const limit = isRecord(value['token_limits']) ? value['token_limits']['post_instructions'] : undefined;
    return limit === undefined ? undefined : rangeFault('session.truncation.token_limits.post_instructions', limit, 1, Number.MAX_SAFE_INTEGER, true);
  },
  'session.tracing': (value) => {
    if (value === null || value === 'auto') return undefined;
    if (!isRecord(value)) return wrongType('session.tracing', "'auto', null or an object", value);
    for (const key of ['workflow_name', 'group_id'])
      if (value[key] !== undefined && typeof value[key] !== 'string') return wrongType(`session.tracing.${key}`, 'a string', value[key]);
    return undefined;
  },
  'session.audio.input.transcription': (value) => {
    if (value === null) return undefined;
    if (!isRecord(value)) return wrongType('session.audio.input.transcription', 'an object', value);
    const param = 'session.audio.input.transcription';
    if (value['model'] !== undefined && typeof value['model'] !== 'string') return wrongType(`${param}.model`, 'a string', value['model']);
    for (const key of ['language', 'prompt'])
      if (value[key] !== undefined && typeof value[key] !== 'string') return wrongType(`${param}.${key}`, 'a string', value[key]);
    for (const key of ['languages', 'keywords']) if (value[key] !== undefined) return stringList(`${param}.${key}`, value[key]);
    if (value['delay'] !== undefined && !transcriptionDelays.includes(value['delay'] as string))
      return notOneOf(`${param}.delay`, value['delay'], transcriptionDelays);
    return undefined;
  },
  'session.audio.input.turn_detection.idle_timeout_ms': (value) =>
    value === null ? undefined : rangeFault('session.audio.input.turn_detection.idle_timeout_ms', value, 5000, 30000, true),
  'session.audio.output.speed': (value) => rangeFault('session.audio.output.speed', value, 0.25, 1.5, false),
};

function at(session: Json, path: readonly string[]): unknown {
  let value: unknown = session;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

/** Why the API would refuse this session (a mint's or a session.update's), or undefined when it takes it. */
export function sessionFieldFault(session: Json): SessionFieldFault | undefined {
  const badVoice = voiceFault(session);
  if (badVoice) return { param: 'session.audio.output.voice', code: 'invalid_value', message: badVoice };
  for (const [param, rule] of Object.entries(rules)) {
    const value = at(session, param.split('.').slice(1));
    if (value === undefined) continue;
    const fault = rule(value);
    if (fault) return fault;
  }
  return undefined;
}
