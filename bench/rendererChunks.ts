// The renderer's first chunk: the JavaScript index.html loads before first paint (its entry script and the chunks it
// preloads), built as shipped and as the eager baseline (every lazily loaded part bundled in, WORKBENCH_EAGER_PARTS).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SPLIT_RENDERER = 'out/renderer';
export const EAGER_RENDERER = 'out/renderer-eager';

/** Builds the app as shipped (into out/) and the renderer's eager baseline (into out/renderer-eager). */
export function buildBothRenderers(): void {
  const electronVite = join('node_modules', '.bin', 'electron-vite');
  execFileSync(electronVite, ['build', '--logLevel', 'error'], { stdio: 'inherit' });
  execFileSync(electronVite, ['build', '--logLevel', 'error'], { stdio: 'inherit', env: { ...process.env, WORKBENCH_EAGER_PARTS: '1' } });
}

/** The bytes of JavaScript that index.html in `rendererDir` loads before first paint. */
export function firstChunkBytes(rendererDir: string): number {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\.\/([^"]+\.js)"/g)].map(
    (match) => match[1]!,
  );
  if (scripts.length === 0) throw new Error(`${rendererDir}/index.html names no script; was the renderer built?`);
  return scripts.reduce((sum, file) => sum + statSync(join(rendererDir, file)).size, 0);
}
