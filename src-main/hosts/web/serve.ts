import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../../package.json';
import { WorkbenchError } from '../../../src-shared/errors';
import { fileSecretBackend } from '../../services/keyStore';
import { createMainServices } from '../../services/mainServices';
import { hookEnv } from '../../services/hotkey/hookProtocol';
import { forkHook } from './forkedHook';
import { parseServeArgs } from './serveArgs';
import { startWebHost } from './webHost';

const here = dirname(fileURLToPath(import.meta.url));

/** `npm run serve`: the main-process services in Node, the built renderer in any Chromium. */
async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2), process.env);
  const services = await createMainServices({
    dataDir: args.dataDir,
    host: 'web',
    version,
    keyBackend: fileSecretBackend(join(args.dataDir, 'api-key')),
    env: process.env,
    log: (line) => console.error(line),
    builtinScenarioDir: join(here, '../../agent-configs'),
    openAtStart: args.open,
    sampleSession: join(here, '../../resources/sample-session/customer-service-retail.jsonl'),
    bundledPricing: join(here, '../../resources/pricing.json'),
    hotkeyHost: { kind: 'web', launchHook: (hookArgs) => forkHook(join(here, 'hotkeyHook.js'), hookArgs, hookEnv(process.env)) },
  });
  const host = await startWebHost({
    port: args.port,
    rendererDir: join(here, '../renderer'),
    dispatch: services.dispatch,
    push: services.push,
    connectOrigins: services.connectOrigins,
  });
  console.log(`Voice Agent Workbench (browser mode), data in ${args.dataDir}. Open:`);
  console.log(host.url);
  if (args.open) console.log(`Replaying ${args.open} when the page opens.`);
  const stop = () => void Promise.all([host.close(), services.close()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof WorkbenchError ? error.message : error);
  process.exit(1);
});
