import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// The startup bench's baseline: every lazily loaded part fetched at once and bundled into the first chunk, as before
// the split, into its own folder so it never replaces the real build.
const eagerParts = process.env['WORKBENCH_EAGER_PARTS'] === '1';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // One bundle for the Electron host and one for the browser-mode web host; both wrap the same services.
        input: {
          index: resolve('src-main/hosts/electron/main.ts'),
          serve: resolve('src-main/hosts/web/serve.ts'),
          // The push-to-talk keyboard hook runs in a child process of either host (it aborts its process when it cannot start).
          hotkeyHook: resolve('src-main/services/hotkey/hookProcess.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be a single CommonJS file with its dependencies inlined.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    define: { __WORKBENCH_EAGER_PARTS__: JSON.stringify(eagerParts) },
    build: {
      outDir: eagerParts ? 'out/renderer-eager' : 'out/renderer',
      minify: true,
      rolldownOptions: {
        // The baseline is one chunk, which rolldown builds for one input only: the popout page, which has no script, is left out.
        ...(eagerParts
          ? { input: { index: resolve('src-renderer/index.html') }, output: { codeSplitting: false } }
          : { input: { index: resolve('src-renderer/index.html'), popout: resolve('src-renderer/popout.html') } }),
      },
    },
  },
});
