import type { AppInfo } from '../../src-shared/contract';
import type { KeyStore } from '../services/keyStore';
import type { SettingsStore } from '../services/settingsStore';
import type { Handlers } from './dispatcher';

export interface HandlerServices {
  readonly appInfo: AppInfo;
  readonly settings: SettingsStore;
  readonly keys: KeyStore;
}

export function createHandlers({ appInfo, settings, keys }: HandlerServices): Handlers {
  return {
    app: {
      info: () => appInfo,
    },
    settings: {
      get: () => settings.get(),
      set: (patch) => settings.update(patch),
    },
    key: {
      status: () => keys.status(),
      set: ({ apiKey }) => keys.set(apiKey),
      clear: () => keys.clear(),
    },
  };
}
