import type { UpdateStatus } from '../../../src-shared/contract';

export interface UpdateDialog {
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
  /** The index of "Restart to update" among the buttons, when an update is ready to install. */
  readonly restartButton?: number;
}

function theUpdate(status: UpdateStatus): string {
  return status.version ? `Version ${status.version}` : 'The update';
}

/** What Help → Check for Updates… says once the check has answered; only a ready update offers the restart. */
export function updateDialog(status: UpdateStatus, appName: string, appVersion: string): UpdateDialog {
  switch (status.state) {
    case 'ready':
      return {
        message: status.words,
        detail: `${theUpdate(status)} is downloaded. Restart now to install it, or later from this menu or Settings.`,
        buttons: ['Restart to update', 'Later'],
        restartButton: 0,
      };
    case 'up-to-date':
      return { message: status.words, detail: `${appName} ${appVersion} is the newest version.`, buttons: ['OK'] };
    case 'downloading':
      return {
        message: status.words,
        detail: `${theUpdate(status)} is being downloaded; you will be asked before it is installed.`,
        buttons: ['OK'],
      };
    default:
      return { message: status.words, detail: status.detail ?? '', buttons: ['OK'] };
  }
}
