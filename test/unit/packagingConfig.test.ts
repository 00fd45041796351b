import { readFile } from 'node:fs/promises';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

/** A configuration file as electron-builder itself loads it: `extends` resolved and merged into the parent. */
const load = (file: string) => getConfig(process.cwd(), file, null);
const release = load('electron-builder.yml');
const e2e = load('electron-builder.e2e.yml');

// The first validation compiles electron-builder's JSON schema: seconds on a loaded machine.
const VALIDATION_TIMEOUT_MS = 30_000;

type OrderedNode = Record<string, OrderedNode[] | string>;

/** The top-level dict of a plist as key → value (true/false for booleans), in file order. */
function plistEntries(xml: string): [string, unknown][] {
  const nodes = new XMLParser({ preserveOrder: true }).parse(xml) as OrderedNode[];
  const plist = nodes.find((node) => 'plist' in node)?.['plist'] as OrderedNode[];
  const dict = plist.find((node) => 'dict' in node)?.['dict'] as OrderedNode[];
  const entries: [string, unknown][] = [];
  for (let index = 0; index < dict.length; index += 2) {
    const key = (dict[index]!['key'] as OrderedNode[])[0]!['#text'] as string;
    const value = dict[index + 1]!;
    entries.push([key, 'true' in value ? true : 'false' in value ? false : value]);
  }
  return entries;
}

describe('the electron-builder configuration', () => {
  it.each(['electron-builder.yml', 'electron-builder.e2e.yml'])(
    '%s passes electron-builder’s own validation',
    async (file) => {
      const config = await load(file);
      await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    },
    VALIDATION_TIMEOUT_MS,
  );

  it(
    'is checked by that validation, which refuses an option electron-builder does not know',
    async () => {
      const config = { ...(await release), mac: { ...(await release).mac, entitlement: 'resources/entitlements.mac.plist' } } as Configuration;
      await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/configuration object that does not match the API schema/);
    },
    VALIDATION_TIMEOUT_MS,
  );

  it('targets the AppImage and deb, the dmg and the zip the macOS updater needs, and NSIS, with the icon in resources', async () => {
    const config = await release;
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.win?.target).toEqual(['nsis']);
    await expect(readFile(config.icon as string)).resolves.toBeInstanceOf(Buffer);
  });

  it('signs macOS builds under the hardened runtime, asking for the microphone in words as an Info.plist entry', async () => {
    const { mac } = await release;
    expect(mac?.hardenedRuntime).toBe(true);
    expect(mac?.extendInfo).toEqual({ NSMicrophoneUsageDescription: expect.stringMatching(/microphone/) });
  });

  it.each([
    ['entitlements', 'resources/entitlements.mac.plist'],
    ['entitlementsInherit', 'resources/entitlements.mac.inherit.plist'],
  ] as const)('grants the app (%s: %s) only the JIT and the microphone', async (option, path) => {
    expect((await release).mac?.[option]).toBe(path);
    expect(plistEntries(await readFile(path, 'utf8'))).toEqual([
      ['com.apple.security.cs.allow-jit', true],
      ['com.apple.security.device.audio-input', true],
    ]);
  });

  it('flips the fuses that let code in through Node: no RunAsNode, NODE_OPTIONS or --inspect; cookies encrypted; only the checked ASAR', async () => {
    expect((await release).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      resetAdHocDarwinSignature: true,
    });
  });

  it('builds the e2e app with only the --inspect arguments back on (Playwright reaches main through them), into its own folder', async () => {
    const [releaseConfig, e2eConfig] = await Promise.all([release, e2e]);
    expect(e2eConfig.electronFuses).toEqual({ ...releaseConfig.electronFuses, enableNodeCliInspectArguments: true });
    expect(e2eConfig.directories?.output).toBe('dist/e2e');
    expect(e2eConfig.directories?.output).not.toBe(releaseConfig.directories?.output);
  });

  it('keeps native modules (uiohook-napi’s prebuilt N-API binary) outside the ASAR, and rebuilds nothing', async () => {
    const config = await release;
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.npmRebuild).toBe(false);
  });

  it('tells electron-updater to look for new versions in the GitHub releases', async () => {
    expect((await release).publish).toEqual({ provider: 'github', owner: expect.any(String), repo: expect.any(String) });
  });
});
