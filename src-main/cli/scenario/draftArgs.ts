// The arguments of `npm run scenario -- draft "DESCRIPTION" [--out FILE] [--model ID] [--force]`.

export const scenarioUsage = `Usage: npm run scenario -- draft "DESCRIPTION" [--out FILE] [--model ID] [--force]
  draft     a text model drafts a scenario file and its tests file from a few sentences
  --out     the scenario file to write (its tests go beside it as <name>.tests.json); default: <id>.json in the user scenario folder
  --model   the text model that drafts; default: the supervisor model setting
  --force   replace files that exist`;

export interface DraftArgs {
  readonly description: string;
  readonly out: string | undefined;
  readonly model: string | undefined;
  readonly force: boolean;
}

/** Reads the arguments; throws an Error whose message says what is wrong with them. */
export function parseDraftArgs(argv: readonly string[]): DraftArgs {
  const [command, ...rest] = argv;
  if (command !== 'draft') throw new Error(command === undefined ? 'Say what to do: draft.' : `Unknown command "${command}"; the command is draft.`);
  let description: string | undefined;
  let out: string | undefined;
  let model: string | undefined;
  let force = false;
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index]!;
    const value = () => {
      const next = rest[index + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value.`);
      index += 1;
      return next;
    };
    if (arg === '--out') out = value();
    else if (arg === '--model') model = value();
    else if (arg === '--force') force = true;
    else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}.`);
    else if (description === undefined) description = arg;
    else throw new Error(`One description, in quotes: found a second one ("${arg}").`);
  }
  if (description === undefined || description.trim().length < 10)
    throw new Error('Describe the use case in a sentence or more, in quotes: npm run scenario -- draft "A bike shop…".');
  if (out !== undefined && !out.endsWith('.json')) throw new Error(`--out ${out}: a scenario file ends in .json.`);
  if (out?.endsWith('.tests.json')) throw new Error(`--out ${out}: that names a tests file; name the scenario file, and its tests go beside it.`);
  return { description: description.trim(), out, model, force };
}
