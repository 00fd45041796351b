import { copyFile, readFile } from 'node:fs/promises';
import { defaultSettings, settingsSchema, type Settings, type SettingsPatch } from '../../src-shared/settings';
import { WorkbenchError, describeZodError } from '../../src-shared/errors';
import { writeFileAtomic } from './atomicFile';

export interface SettingsProblem {
  readonly message: string;
}

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
  /** What was wrong with the file on disk when it was loaded, if anything. */
  readonly problems: readonly SettingsProblem[];
  onChange(listener: (settings: Settings) => void): () => void;
}

type FieldName = keyof Settings;
const fieldNames = Object.keys(settingsSchema.shape) as FieldName[];

/**
 * Keeps each valid field of a settings file and reports each invalid one by name, so one bad value
 * does not throw away the rest of the user's settings.
 */
export function parseSettingsFile(text: string, path: string): { settings: Settings; problems: SettingsProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { settings: { ...defaultSettings }, problems: [{ message: `${path} is not valid JSON (${reason}); defaults are in use.` }] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings: { ...defaultSettings }, problems: [{ message: `${path} must hold a JSON object; defaults are in use.` }] };
  }
  const record = raw as Record<string, unknown>;
  const settings: Record<string, unknown> = { ...defaultSettings };
  const problems: SettingsProblem[] = [];
  for (const field of fieldNames) {
    if (!(field in record)) continue;
    const checked = settingsSchema.shape[field].safeParse(record[field]);
    if (checked.success) settings[field] = checked.data;
    else problems.push({ message: `${path}: field "${field}" ${describeZodError(checked.error).message}; the default is in use.` });
  }
  for (const key of Object.keys(record)) {
    if (!fieldNames.includes(key as FieldName)) problems.push({ message: `${path}: unknown field "${key}" was ignored.` });
  }
  return { settings: settingsSchema.parse(settings), problems };
}

export async function openSettingsStore(path: string): Promise<SettingsStore> {
  let current: Settings = { ...defaultSettings };
  let problems: SettingsProblem[] = [];
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new WorkbenchError('io_error', `Could not read the settings file ${path}: ${(error as Error).message}`);
    }
  }
  if (text !== undefined) ({ settings: current, problems } = parseSettingsFile(text, path));
  // Keep the user's original file before the first write replaces it, so nothing they wrote is lost.
  let backupPending = problems.length > 0;
  const listeners = new Set<(settings: Settings) => void>();
  let writing: Promise<void> = Promise.resolve();

  return {
    get: () => current,
    problems,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async update(patch) {
      const merged = settingsSchema.safeParse({ ...current, ...patch });
      if (!merged.success) {
        const { message, field } = describeZodError(merged.error);
        throw new WorkbenchError('settings_invalid', `Settings not saved: ${message}`, field);
      }
      current = merged.data;
      const snapshot = current;
      writing = writing.then(async () => {
        if (backupPending) {
          await copyFile(path, `${path}.invalid-${Date.now()}.bak`);
          backupPending = false;
        }
        await writeFileAtomic(path, `${JSON.stringify(snapshot, null, 2)}\n`);
      });
      try {
        await writing;
      } catch (error) {
        writing = Promise.resolve();
        throw new WorkbenchError('io_error', `Could not save settings to ${path}: ${(error as Error).message}`);
      }
      for (const listener of listeners) listener(snapshot);
      return snapshot;
    },
  };
}
