import { resolve } from 'node:path';
import type { ElectronHostPaths } from '../../src-main/hosts/electron/electronHost';

/** The paths the Electron host starts with, pointing at the checkout's resources; a test gives the renderer folder and what it changes. */
export function electronHostPaths(rendererDir: string, changes: Partial<ElectronHostPaths> = {}): ElectronHostPaths {
  return {
    rendererDir,
    preloadPath: '/app/out/preload/index.cjs',
    builtinScenarioDir: resolve('agent-configs'),
    personasDir: resolve('resources/personas'),
    metapromptDir: resolve('resources/metaprompt'),
    sampleSession: resolve('resources/sample-session/customer-service-retail.jsonl'),
    bundledPricing: resolve('resources/pricing.json'),
    openAtStart: undefined,
    hookEntry: '/app/out/main/hotkeyHook.js',
    ...changes,
  };
}
