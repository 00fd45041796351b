/** The app's own pages are served from this origin under Electron. */
export const ELECTRON_APP_ORIGIN = 'app://workbench';

/** True only for a URL whose origin is exactly the app's own. */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const parsed = new URL(url);
    const origin = parsed.protocol === 'app:' ? `app://${parsed.host}` : parsed.origin;
    return origin === appOrigin && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export interface PermissionRequest {
  readonly permission: string;
  readonly requestingUrl: string;
  /** For 'media': which kinds are asked for. */
  readonly mediaTypes?: readonly string[];
}

/** Microphone only, and only for the app's own pages; every other permission is refused. */
export function isPermissionAllowed(request: PermissionRequest, appOrigin: string): boolean {
  if (!isAppUrl(request.requestingUrl, appOrigin)) return false;
  if (request.permission !== 'media') return false;
  const types = request.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'audio');
}
