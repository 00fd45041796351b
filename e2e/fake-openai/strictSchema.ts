/**
 * The rules the real API applies to a JSON schema sent with `strict: true` (a `text.format` json_schema or a
 * function tool's `parameters`), so a schema OpenAI refuses is refused here too.
 *
 * Source: OpenAI's Structured Outputs guide, "Supported schemas"
 * (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas):
 * - the root is an object, not `anyOf`;
 * - every object sets `additionalProperties: false` and lists every property in `required`
 *   (an optional field is a required one whose type includes "null");
 * - supported keywords by type — string: `pattern`, `format` (date-time, time, date, duration, email, hostname,
 *   ipv4, ipv6, uuid); number/integer: `multipleOf`, `maximum`, `exclusiveMaximum`, `minimum`, `exclusiveMinimum`;
 *   array: `minItems`, `maxItems`; plus `enum`, `const`, `anyOf`, `$ref`/`$defs`/`definitions` and `description`;
 * - not supported: `minLength`/`maxLength`, the object keywords `patternProperties`, `unevaluatedProperties`,
 *   `propertyNames`, `minProperties`, `maxProperties`, the array keywords `unevaluatedItems`, `contains`,
 *   `minContains`, `maxContains`, `uniqueItems`, and the compositions `allOf`, `not`, `if`/`then`/`else`,
 *   `dependentRequired`, `dependentSchemas`.
 * Keywords the guide does not mention are let through: refusing a schema the real API takes would be as
 * wrong as taking one it refuses. The messages follow the real API's wording ("In context=(...), ...").
 */

const unsupportedKeywords = [
  'minLength',
  'maxLength',
  'patternProperties',
  'unevaluatedProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'unevaluatedItems',
  'contains',
  'minContains',
  'maxContains',
  'uniqueItems',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
] as const;

const supportedFormats = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);

type Context = readonly string[];
type SchemaNode = Record<string, unknown>;

/** Python's tuple notation, as the real API prints the path to the fault: `()`, `('a',)`, `('a', 'b')`. */
function contextText(context: Context): string {
  const parts = context.map((part) => `'${part}'`);
  return `context=(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(node: SchemaNode): string[] {
  const type = node['type'];
  return Array.isArray(type) ? type.filter((entry): entry is string => typeof entry === 'string') : typeof type === 'string' ? [type] : [];
}

function objectFault(node: SchemaNode): string | undefined {
  if (node['additionalProperties'] !== false) return "'additionalProperties' is required to be supplied and to be false.";
  const properties = isNode(node['properties']) ? Object.keys(node['properties']) : [];
  const required = node['required'];
  const listed = Array.isArray(required) ? required : [];
  const missing = properties.filter((name) => !listed.includes(name));
  if (!Array.isArray(required) || missing.length > 0) {
    const which = missing.length > 0 ? ` Missing '${missing[0]}'.` : '';
    return `'required' is required to be supplied and to be an array including every key in properties.${which}`;
  }
  const extra = listed.find((name) => typeof name !== 'string' || !properties.includes(name));
  if (extra !== undefined) return `Extra required key '${String(extra)}' supplied.`;
  return undefined;
}

/** The first fault of a node or of what it contains, depth first, in the order the keys are written. */
function nodeFault(node: SchemaNode, context: Context): string | undefined {
  const at = (message: string) => `In ${contextText(context)}, ${message}`;
  const keyword = unsupportedKeywords.find((name) => name in node);
  if (keyword !== undefined) return at(`'${keyword}' is not permitted.`);
  const format = node['format'];
  if (format !== undefined && !(typeof format === 'string' && supportedFormats.has(format))) {
    return at(`'format' is not permitted to be ${JSON.stringify(format)}; supported formats are ${[...supportedFormats].join(', ')}.`);
  }
  if (typesOf(node).includes('object') || isNode(node['properties'])) {
    const fault = objectFault(node);
    if (fault !== undefined) return at(fault);
  }
  const children: [Context, unknown][] = [];
  if (isNode(node['properties'])) {
    for (const [name, child] of Object.entries(node['properties'])) children.push([[...context, 'properties', name], child]);
  }
  if (node['items'] !== undefined) children.push([[...context, 'items'], node['items']]);
  if (Array.isArray(node['anyOf'])) node['anyOf'].forEach((child, index) => children.push([[...context, 'anyOf', String(index)], child]));
  for (const definitions of ['$defs', 'definitions'] as const) {
    const defined = node[definitions];
    if (isNode(defined)) for (const [name, child] of Object.entries(defined)) children.push([[...context, definitions, name], child]);
  }
  for (const [childContext, child] of children) {
    if (!isNode(child)) continue;
    const fault = nodeFault(child, childContext);
    if (fault !== undefined) return fault;
  }
  return undefined;
}

/**
 * Why the real API would refuse this schema in strict mode, in its words, or undefined when it would take it.
 * The API reports one fault at a time, the first it meets; so does this.
 */
export function strictSchemaFault(schema: unknown): string | undefined {
  if (!isNode(schema)) return 'schema must be a JSON Schema object.';
  if ('anyOf' in schema) return `In ${contextText([])}, the root schema must not be 'anyOf'; it must be an object.`;
  const types = typesOf(schema);
  if (types.length !== 1 || types[0] !== 'object') {
    return `schema must be a JSON Schema of 'type: "object"', got 'type: ${JSON.stringify(schema['type'] ?? null)}'.`;
  }
  return nodeFault(schema, []);
}
