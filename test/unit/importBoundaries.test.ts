import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('import boundaries', () => {
  it.each([
    ['src-renderer/src/x.ts', "import { readFile } from 'node:fs';"],
    ['src-renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src-renderer/src/x.ts', "import { createKeyStore } from '../../src-main/services/keyStore';"],
    ['src-shared/x.ts', "import { join } from 'node:path';"],
    ['src-shared/x.ts', "import { create } from 'zustand';"],
    ['src-main/services/x.ts', "import { app } from 'electron';"],
    ['src-main/services/x.ts', "import { useState } from 'react';"],
    ['src-preload/x.ts', "import { readFile } from 'node:fs';"],
  ])('refuse, in %s, %s', async (file, source) => {
    expect(await boundaryErrors(file, `${source}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ['src-main/hosts/electron/x.ts', "import { app } from 'electron';"],
    ['src-main/services/x.ts', "import { join } from 'node:path';"],
    ['src-renderer/src/x.ts', "import { create } from 'zustand';"],
    ['src-preload/x.ts', "import { contextBridge } from 'electron';"],
  ])('allow, in %s, %s', async (file, source) => {
    expect(await boundaryErrors(file, `${source}\nexport {};\n`)).toEqual([]);
  });
});

describe('renderer layers (shell → views → state → engine → platform)', () => {
  const r = 'src-renderer/src';
  it.each([
    [`${r}/platform/audio/x.ts`, "import { SessionStream } from '../../engine/events/sessionStream';"],
    [`${r}/platform/x.ts`, "import { useHostStore } from '../state/hostStore';"],
    [`${r}/platform/x.ts`, "import { useState } from 'react';"],
    [`${r}/platform/x.ts`, "import { create } from 'zustand';"],
    [`${r}/engine/events/x.ts`, "import { useHostStore } from '../../state/hostStore';"],
    [`${r}/engine/events/x.ts`, "import { TranscriptView } from '../../views/transcript/TranscriptView';"],
    [`${r}/engine/x.ts`, "import { create } from 'zustand';"],
    [`${r}/engine/x.ts`, "import { useEffect } from 'react';"],
    [`${r}/engine/live/x.ts`, "import { ReplayController } from '../replay/replayController';"],
    [`${r}/engine/replay/x.ts`, "import { LiveSession } from '../live/liveSession';"],
    [`${r}/state/x.ts`, "import { TranscriptView } from '../views/transcript/TranscriptView';"],
    [`${r}/state/x.ts`, "import { App } from '../shell/App';"],
    [`${r}/state/pricingStore.ts`, "import { connect } from './liveActions';"],
    [`${r}/state/liveActions.ts`, "import { openLog } from './replayActions';"],
    [`${r}/state/replayActions.ts`, "import { connect } from './liveActions';"],
    [`${r}/views/transcript/x.tsx`, "import { EventInspector } from '../inspector/EventInspector';"],
    [`${r}/views/common/x.tsx`, "import { TranscriptView } from '../transcript/TranscriptView';"],
    [`${r}/views/tools/x.tsx`, "import { Workspace } from '../../shell/Workspace';"],
  ])('refuse, in %s, %s', async (file, source) => {
    expect(await boundaryErrors(file, `${source}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    [`${r}/platform/audio/x.ts`, "import { bytesToBase64 } from './pcmPacking';"],
    [`${r}/engine/x.ts`, "import { createStore } from 'zustand/vanilla';"],
    [`${r}/engine/live/x.ts`, "import { SessionStream } from '../events/sessionStream';"],
    [`${r}/engine/live/x.ts`, "import { openMicrophone } from '../../platform/devices/microphone';"],
    [`${r}/state/x.ts`, "import { LiveSession } from '../engine/live/liveSession';"],
    [`${r}/state/hotkeyActions.ts`, "import { connect } from './liveActions';"],
    [`${r}/views/transcript/x.tsx`, "import { lazyPart } from '../common/lazyPart';"],
    [`${r}/views/transcript/x.tsx`, "import { useHostStore } from '../../state/hostStore';"],
    [`${r}/views/transcript/x.tsx`, "import { downloadText } from '../../platform/download';"],
    [`${r}/shell/x.tsx`, "import { TranscriptView } from '../views/transcript/TranscriptView';"],
  ])('allow, in %s, %s', async (file, source) => {
    expect(await boundaryErrors(file, `${source}\nexport {};\n`)).toEqual([]);
  });

  /** Every relative import of every renderer file, read from the files themselves (so a loosened lint rule is still caught). */
  const layerOf = (file: string): number => {
    const top = relative(r, file).split('/')[0]!;
    return ['platform', 'engine', 'state', 'views', 'shell', 'main.tsx'].indexOf(top);
  };
  const files = (function walk(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
    );
  })(r).filter((file) => !file.endsWith('.d.ts'));

  it('has every source file in one of the five layers', () => {
    expect(files.length).toBeGreaterThan(80);
    expect(files.filter((file) => layerOf(file) < 0)).toEqual([]);
  });

  it('has no import against the order, between sibling views, or between live and replay', () => {
    const wrong: string[] = [];
    for (const file of files) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from |import\(|import )'(\.[^'?]*)/g)) {
        const target = relative('.', resolve(dirname(file), spec!));
        if (!target.startsWith(r)) continue;
        const [fromTop, fromSub] = relative(r, file).split('/');
        const [toTop, toSub] = relative(r, target).split('/');
        const line = `${file} imports ${spec}`;
        if (layerOf(target) > layerOf(file)) wrong.push(`${line} (a higher layer)`);
        if (fromTop === 'views' && toTop === 'views' && toSub !== fromSub && toSub !== 'common') wrong.push(`${line} (a sibling view)`);
        const pair = `${fromTop}/${fromSub}>${toTop}/${toSub}`;
        if (/engine\/live>engine\/replay|engine\/replay>engine\/live/.test(pair)) wrong.push(`${line} (live and replay)`);
      }
    }
    // The walk sees imports at all: the shell imports views, views import state.
    expect(files.some((file) => file.includes('/shell/') && readFileSync(file, 'utf8').includes("'../views/"))).toBe(true);
    expect(wrong).toEqual([]);
  });
});
