// What a command that runs sessions headless needs: main's services over the app's data folder, the endpoint
// and key the app uses, and a first question to the endpoint before any session is opened.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import type { PricingTable } from '../../src-shared/pricing';
import { defaultDataDir } from '../hosts/web/serveArgs';
import { fileSecretBackend } from '../services/keyStore';
import { createMainServices, type MainServices } from '../services/mainServices';
import { createUpstreamClientFactory, type UpstreamClientFactory } from '../services/openaiClient';
import { loadPricing } from '../services/pricingTable';

/** The checkout (or install) the commands run from: its agent-configs/, resources/. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** How long the endpoint has to answer the first question before the run gives up on it. */
const PREFLIGHT_TIMEOUT_MS = 15_000;

export interface HeadlessServices {
  readonly dataDir: string;
  readonly services: MainServices;
  readonly upstream: UpstreamClientFactory;
  /** The pricing table the app uses: the data folder's pricing.json, else the bundled one. */
  pricing(): Promise<PricingTable>;
}

/** Main's services as the app would open them (WORKBENCH_DATA_DIR or the app's own data folder), without a window. */
export async function openHeadlessServices(env: NodeJS.ProcessEnv): Promise<HeadlessServices> {
  const dataDir = defaultDataDir(env);
  const services = await createMainServices({
    dataDir,
    host: 'web',
    version,
    keyBackend: fileSecretBackend(join(dataDir, 'api-key')),
    env,
    // The services' notes about the desktop (the hotkey) mean nothing to a headless run; settings problems do.
    log: (line) => {
      if (!line.startsWith('Push-to-talk hotkey')) console.error(line);
    },
    builtinScenarioDir: join(root, 'agent-configs'),
    watchScenarios: false,
    bundledPricing: join(root, 'resources/pricing.json'),
  });
  return {
    dataDir,
    services,
    upstream: createUpstreamClientFactory(services.keys, services.settings, env),
    pricing: async () => (await loadPricing(join(root, 'resources/pricing.json'), join(dataDir, 'pricing.json'))).table,
  };
}

/** Whether the endpoint answers with this key: one sentence when it does not. */
export async function preflight(upstream: UpstreamClientFactory): Promise<string | undefined> {
  try {
    const client = await upstream();
    await client.call('Reaching the endpoint', (openai) => openai.models.list({ timeout: PREFLIGHT_TIMEOUT_MS, maxRetries: 1 }));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
