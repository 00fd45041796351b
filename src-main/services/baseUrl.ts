import { DEFAULT_BASE_URL, type Settings } from '../../src-shared/settings';

/**
 * The API base URL calls go to. OPENAI_BASE_URL is honoured as the openai SDK honours it (a default the
 * environment sets), and a base URL the user set in Settings wins over it.
 */
export function effectiveBaseUrl(settings: Pick<Settings, 'baseUrl'>, env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env['OPENAI_BASE_URL']?.trim();
  const chosen = settings.baseUrl !== DEFAULT_BASE_URL || !fromEnv ? settings.baseUrl : fromEnv;
  return chosen.replace(/\/+$/, '');
}
