/** What `npm run scenario-test -- FILE… [--runs N] [--junit OUT.xml] [--shard i/n] [--concurrency N] [--grep TEXT]` asks for. */
export interface ScenarioTestArgs {
  readonly files: readonly string[];
  readonly runs: number | undefined;
  readonly junit: string | undefined;
  readonly shard: { readonly index: number; readonly count: number } | undefined;
  readonly concurrency: number;
  readonly grep: string | undefined;
}

export const scenarioTestUsage = 'Usage: npm run scenario-test -- FILE… [--runs N] [--junit OUT.xml] [--shard i/n] [--concurrency N] [--grep TEXT]';

function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new Error(`${flag} needs a whole number from ${min} to ${max}${value === undefined ? '' : `, not ${value}`}.`);
  return parsed;
}

/** Reads the command line; throws an Error naming the flag at fault. */
export function parseScenarioTestArgs(argv: readonly string[]): ScenarioTestArgs {
  const files: string[] = [];
  let runs: number | undefined;
  let junit: string | undefined;
  let shard: ScenarioTestArgs['shard'];
  let concurrency = 1;
  let grep: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]!;
    const value = argv[index + 1];
    if (!flag.startsWith('--')) {
      files.push(flag);
      continue;
    }
    index += 1;
    if (flag === '--runs') runs = wholeNumber('--runs', value, 1, 1000);
    else if (flag === '--concurrency') concurrency = wholeNumber('--concurrency', value, 1, 64);
    else if (flag === '--junit') {
      if (!value || value.startsWith('--')) throw new Error('--junit needs the path of the XML file to write.');
      junit = value;
    } else if (flag === '--grep') {
      if (value === undefined || value === '') throw new Error('--grep needs the text a test name must contain.');
      grep = value;
    } else if (flag === '--shard') {
      const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
      const shardIndex = Number(match?.[1]);
      const count = Number(match?.[2]);
      if (!match || count < 1 || shardIndex < 1 || shardIndex > count)
        throw new Error(`--shard needs i/n with 1 ≤ i ≤ n, such as 1/3${value === undefined ? '' : `, not ${value}`}.`);
      shard = { index: shardIndex, count };
    } else throw new Error(`Unknown option ${flag}.`);
  }
  if (files.length === 0) throw new Error('Name at least one tests file (…tests.json).');
  return { files, runs, junit, shard, concurrency, grep };
}
