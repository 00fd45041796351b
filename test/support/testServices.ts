import { join, resolve } from 'node:path';
import { fileSecretBackend } from '../../src-main/services/keyStore';
import { createMainServices, type MainServices } from '../../src-main/services/mainServices';

export interface TestServices extends MainServices {
  readonly logLines: string[];
}

/** The real main-process services over a throwaway data folder. */
export async function createTestServices(
  dataDir: string,
  env: Record<string, string | undefined> = {},
  builtinScenarioDir = resolve('agent-configs'),
): Promise<TestServices> {
  const logLines: string[] = [];
  const services = await createMainServices({
    dataDir,
    host: 'web',
    version: '9.9.9-test',
    keyBackend: fileSecretBackend(join(dataDir, 'api-key')),
    env,
    log: (line) => logLines.push(line),
    builtinScenarioDir,
    watchScenarios: false,
    bundledPricing: resolve('resources/pricing.json'),
  });
  return { ...services, logLines };
}
