import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../../package.json';
import { WorkbenchError } from '../../../src-shared/errors';
import { originOf } from '../../security/contentSecurityPolicy';
import { fileSecretBackend } from '../../services/keyStore';
import { createMainServices } from '../../services/mainServices';
import { parseServeArgs } from './serveArgs';
import { startWebHost } from './webHost';

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
  });
  const host = await startWebHost({
    port: args.port,
    rendererDir: join(dirname(fileURLToPath(import.meta.url)), '../renderer'),
    dispatch: services.dispatch,
    push: services.push,
    connectOrigins: () => [originOf(services.settings.get().baseUrl)].filter((origin): origin is string => origin !== undefined),
  });
  console.log(`Voice Agent Workbench (browser mode), data in ${args.dataDir}. Open:`);
  console.log(host.url);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof WorkbenchError ? error.message : error);
  process.exit(1);
});
