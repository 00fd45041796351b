// Times the inspector's virtualised list against a plain list of the same rows, in Debian's Chromium.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { launchChromium } from '../e2e/support/chromium';

export interface RenderFigures {
  readonly virtualisedMs: number;
  readonly plainMs: number;
  readonly virtualisedDomRows: number;
  readonly plainDomRows: number;
}

/** The median of `runs` renders of each, after one warm-up each. */
export async function timeListRenders(rows: number, runs = 5): Promise<RenderFigures> {
  const bundle = await build({
    entryPoints: ['bench/renderListPage.tsx'],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
    // Panels import their own stylesheets; the page below inlines the ones the list needs instead.
    loader: { '.css': 'empty' },
    logLevel: 'silent',
  });
  // The inspector's look: the theme's variables, the shared rules, the Events panel's own stylesheet.
  const css = ['src-renderer/src/shell/styles/theme.css', 'src-renderer/src/shell/styles/base.css', 'src-renderer/src/views/inspector/inspector.css']
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.setContent(`<!doctype html><html data-theme="light"><head><style>${css}</style></head><body></body></html>`);
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const median = async (which: 'virtualised' | 'plain') => {
      const times: number[] = [];
      let domRows = 0;
      for (let run = 0; run <= runs; run += 1) {
        const result = await page.evaluate(
          ([kind, count]) =>
            (window as unknown as { renderTimed: (k: string, n: number) => Promise<{ ms: number; domRows: number }> }).renderTimed(kind, count),
          [which, rows] as const,
        );
        if (run > 0) times.push(result.ms);
        domRows = result.domRows;
      }
      times.sort((a, b) => a - b);
      return { ms: times[Math.floor(times.length / 2)]!, domRows };
    };
    const virtualised = await median('virtualised');
    const plain = await median('plain');
    return { virtualisedMs: virtualised.ms, plainMs: plain.ms, virtualisedDomRows: virtualised.domRows, plainDomRows: plain.domRows };
  } finally {
    await browser.close();
  }
}
