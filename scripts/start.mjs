// `npm start`: build, then open the desktop app, or browser mode where the Electron binary cannot be had.
import { spawn, spawnSync } from 'node:child_process';
import { findElectronBinary } from './electronBinary.mjs';

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = findElectronBinary();
const args = process.argv.slice(2);
const child =
  'path' in electron
    ? spawn(electron.path, ['.', ...args], { stdio: 'inherit' })
    : (console.log(`${electron.missing} Starting browser mode instead: open the URL below in Chromium or Chrome.`),
      spawn(process.execPath, ['out/main/serve.js', ...args], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
