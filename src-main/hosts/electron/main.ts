import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { startElectronHost } from './electronHost';

const here = fileURLToPath(new URL('.', import.meta.url));

startElectronHost({
  rendererDir: join(here, '../renderer'),
  preloadPath: join(here, '../preload/index.cjs'),
  // Packaged apps carry agent-configs as an extra resource; in development it sits in the project.
  builtinScenarioDir: app.isPackaged ? join(process.resourcesPath, 'agent-configs') : join(here, '../../agent-configs'),
}).catch((error: unknown) => {
  console.error(`Voice Agent Workbench could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  app.exit(1);
});
