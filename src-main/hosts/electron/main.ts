import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { describeApp, wantsVersion } from './about';
import { startElectronHost } from './electronHost';
import { logFileArgument } from './logFileArgument';

const here = fileURLToPath(new URL('.', import.meta.url));
const bundledPricing = app.isPackaged ? join(process.resourcesPath, 'pricing.json') : join(here, '../../resources/pricing.json');

if (wantsVersion(process.argv)) {
  // Before the single-instance lock, so a running app is not brought forward by a version query.
  void describeApp(bundledPricing).then((text) => {
    process.stdout.write(`${text}\n`);
    app.exit(0);
  });
} else {
  startElectronHost({
    rendererDir: join(here, '../renderer'),
    preloadPath: join(here, '../preload/index.cjs'),
    hookEntry: join(here, 'hotkeyHook.js'),
    // Packaged apps carry agent-configs as an extra resource; in development it sits in the project.
    builtinScenarioDir: app.isPackaged ? join(process.resourcesPath, 'agent-configs') : join(here, '../../agent-configs'),
    sampleSession: app.isPackaged
      ? join(process.resourcesPath, 'sample-session/customer-service-retail.jsonl')
      : join(here, '../../resources/sample-session/customer-service-retail.jsonl'),
    personasDir: app.isPackaged ? join(process.resourcesPath, 'personas') : join(here, '../../resources/personas'),
    metapromptDir: app.isPackaged ? join(process.resourcesPath, 'metaprompt') : join(here, '../../resources/metaprompt'),
    bundledPricing,
    openAtStart: logFileArgument(process.argv, app.isPackaged, process.cwd()),
  }).catch((error: unknown) => {
    console.error(`Voice Agent Workbench could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    app.exit(1);
  });
}
