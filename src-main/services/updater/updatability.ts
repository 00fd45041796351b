/** What decides whether this build can update itself, as electron-updater itself would find it. */
export interface BuildFacts {
  readonly isPackaged: boolean;
  readonly platform: string;
  /** `APPIMAGE` is set by the AppImage runtime; without it electron-updater's AppImageUpdater stays inactive. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The contents of `resources/package-type` (deb, rpm, pacman), which electron-builder writes into
   * package-manager installs and electron-updater reads to pick its updater; undefined when absent.
   */
  readonly packageType: string | undefined;
  /** macOS: whether the app is signed with a developer identity (Squirrel.Mac installs updates only into such apps). */
  readonly macSigned: boolean;
}

export type Updatability = { readonly updatable: true } | { readonly updatable: false; readonly reason: string };

const RELEASES = 'download a newer version from the project’s releases page';

/** Whether this build may look for, download and install updates, and if not, why in words. */
export function updatability(facts: BuildFacts): Updatability {
  if (!facts.isPackaged) return { updatable: false, reason: 'a development build does not update itself; update the project instead' };
  if (facts.platform === 'linux') {
    if (facts.packageType)
      return {
        updatable: false,
        reason: `this app was installed from a .${facts.packageType} package; update it the way it was installed, or ${RELEASES}`,
      };
    if (facts.env['SNAP']) return { updatable: false, reason: 'this app runs as a snap, which snapd updates' };
    if (!facts.env['APPIMAGE'])
      return { updatable: false, reason: `only the AppImage updates itself, and this app was not started from one; ${RELEASES}` };
  }
  if (facts.platform === 'darwin' && !facts.macSigned)
    return { updatable: false, reason: `this macOS build is not signed, and macOS installs updates only into signed apps; ${RELEASES}` };
  return { updatable: true };
}

/**
 * Whether `codesign --display --verbose=2` (whose report goes to stderr) describes a developer signature:
 * one with a team, not the ad-hoc signature an unsigned build is given after its fuses are flipped.
 */
export function isDeveloperSigned(codesignReport: string): boolean {
  if (/^Signature=adhoc$/m.test(codesignReport)) return false;
  const team = /^TeamIdentifier=(.+)$/m.exec(codesignReport)?.[1]?.trim();
  return team !== undefined && team !== 'not set';
}
