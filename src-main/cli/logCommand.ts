// `npm run log -- summary FILE` and `npm run log -- validate FILE`: read a saved session (or a raw
// Realtime event log) from the command line, through the same reader and reducers as the app.
import { fileURLToPath } from 'node:url';
import { WorkbenchError } from '../../src-shared/errors';
import { loadPricing } from '../services/pricingTable';
import { formatSummary, formatValidation, readLogForReport } from './sessionReport';

const BUNDLED_PRICING = fileURLToPath(new URL('../../resources/pricing.json', import.meta.url));

const usage = 'Usage: npm run log -- summary FILE | npm run log -- validate FILE';

async function main(argv: readonly string[]): Promise<number> {
  const [command, file, ...rest] = argv;
  if ((command !== 'summary' && command !== 'validate') || !file || rest.length > 0) {
    console.error(command === undefined ? usage : `Unknown command or arguments: ${argv.join(' ')}. ${usage}`);
    return 2;
  }
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

main(process.argv.slice(2)).then((code) => process.exit(code));
