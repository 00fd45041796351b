// `npm run log -- summary|validate FILE`, `compare A B`, `to-test FILE` and `rerun FILE`: read saved sessions (or raw Realtime
// event logs) from the command line, through the same reader and reducers as the app.
import { fileURLToPath } from 'node:url';
import { WorkbenchError } from '../../src-shared/errors';
import { loadPricing } from '../services/pricingTable';
import { rerunCommand } from './rerunCommand';
import { compareCommand, toTestCommand } from './scenarioTestCommands';
import { formatSummary, formatValidation, readLogForReport } from './sessionReport';

const BUNDLED_PRICING = fileURLToPath(new URL('../../resources/pricing.json', import.meta.url));

const usage =
  'Usage: npm run log -- summary FILE | npm run log -- validate FILE | npm run log -- compare A B | npm run log -- to-test FILE [--out X.tests.json] [--force] | npm run log -- rerun FILE [--scenario PATH]';

async function report(command: 'summary' | 'validate', file: string): Promise<number> {
  try {
    const read = await readLogForReport(file);
    if (command === 'summary') {
      process.stdout.write(formatSummary(file, read, (await loadPricing(BUNDLED_PRICING)).table));
      return 0;
    }
    const { text, ok } = formatValidation(file, read);
    process.stdout.write(text);
    return ok ? 0 : 1;
  } catch (error) {
    console.error(
      error instanceof WorkbenchError ? error.message : `Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'to-test') return toTestCommand(rest, process);
  if (command === 'rerun') return rerunCommand(rest, process, process.env);
  if (command === 'compare' && rest.length === 2) return compareCommand(rest[0]!, rest[1]!, (await loadPricing(BUNDLED_PRICING)).table, process);
  if ((command === 'summary' || command === 'validate') && rest.length === 1) return report(command, rest[0]!);
  console.error(command === undefined ? usage : `Unknown command or arguments: ${argv.join(' ')}. ${usage}`);
  return 2;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
