import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../../src-shared/errors';

/**
 * The key store's named secrets: the values a scenario's MCP server headers name (`"Authorization": "ORDERS_TOKEN"`),
 * so no secret is ever written into a scenario file. A name is looked up as a stored secret (the file
 * `secrets/<NAME>` in the data folder, readable only by its owner, as browser mode keeps the API key), else in the
 * environment as `WORKBENCH_SECRET_<NAME>`, as the API key falls back to OPENAI_API_KEY. Resolved here, in main,
 * only when a session is minted.
 */
export interface NamedSecrets {
  /** Main-process only: the values of these secrets; a missing one is refused, naming it and where to put it. */
  resolve(names: readonly string[]): Promise<Record<string, string>>;
  /** Every value handed out so far, for the log redactor to remove by value. */
  handedOut(): readonly string[];
}

/** What may go in an HTTP header value: printable ASCII and spaces (`Bearer …`), no line breaks. */
const HEADER_VALUE = /^[\x20-\x7e]{1,4096}$/;

export const secretEnvName = (name: string): string => `WORKBENCH_SECRET_${name}`;

/** A stored secret's file: absent is fine (the environment may have it); readable by others is refused, as for the API key. */
async function readStored(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) {
      throw new WorkbenchError(
        'key_storage_unavailable',
        `The secret in ${path} is not used because other users can read it. Run: chmod 600 ${path}`,
      );
    }
    return (await readFile(path, 'utf8')).trim() || undefined;
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new WorkbenchError('key_storage_unavailable', `The secret in ${path} cannot be read: ${(error as Error).message}`);
  }
}

export function createNamedSecrets(dataDir: string, env: Readonly<Record<string, string | undefined>>): NamedSecrets {
  const handed = new Set<string>();
  async function one(name: string): Promise<string> {
    const path = join(dataDir, 'secrets', name);
    const value = (await readStored(path)) ?? env[secretEnvName(name)]?.trim();
    if (!value) {
      throw new WorkbenchError(
        'key_missing',
        `The secret ${name}, named by an MCP server header of this scenario, is not in the key store. Put its value in ${path} (mode 0600), or start the app with ${secretEnvName(name)} set.`,
        'mcpSecrets',
      );
    }
    if (!HEADER_VALUE.test(value)) {
      throw new WorkbenchError(
        'key_storage_unavailable',
        `The secret ${name} cannot be sent as an HTTP header value: it holds line breaks or non-ASCII characters.`,
      );
    }
    handed.add(value);
    return value;
  }
  return {
    async resolve(names) {
      const values: Record<string, string> = {};
      for (const name of names) values[name] = await one(name);
      return values;
    },
    handedOut: () => [...handed],
  };
}
