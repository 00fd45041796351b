import type { Session } from 'electron';
import { ELECTRON_APP_ORIGIN, isPermissionAllowed } from '../../security/trustedOrigin';

/** Deny by default: the app's own page may capture audio; nothing else is granted, to anyone. */
export function lockDownSession(appSession: Session): void {
  appSession.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionAllowed({ permission, requestingUrl: details.requestingUrl ?? webContents.getURL(), mediaTypes }, ELECTRON_APP_ORIGIN));
  });
  appSession.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      { permission, requestingUrl: requestingOrigin, mediaTypes: details.mediaType ? [details.mediaType] : [] },
      ELECTRON_APP_ORIGIN,
    ),
  );
}
