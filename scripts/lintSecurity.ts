// `npm run lint:security`: Doyensec's electronegativity over the code that decides the Electron app's
// security (main, preload, shared, the page's index.html) as one application, so its global checks (CSP,
// navigation limits, permission handler) see the whole picture. Fails on any high or medium finding that
// is not in REVIEWED_FINDINGS. Usage: tsx scripts/lintSecurity.ts [--root DIR]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { REVIEWED_FINDINGS, blockingFindings, parseFindingsCsv } from './securityFindings';

const SCANNED = ['src-main', 'src-preload', 'src-shared', 'src-renderer/index.html'];

const rootFlag = process.argv.indexOf('--root');
const root = resolve(rootFlag >= 0 ? process.argv[rootFlag + 1]! : '.');
const require = createRequire(import.meta.url);
const tool = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist/index.js');
const electronVersion = (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies[
  'electron'
]!;

const work = mkdtempSync(join(tmpdir(), 'electronegativity-'));
try {
  const input = join(work, 'app');
  for (const path of SCANNED) {
    mkdirSync(dirname(join(input, path)), { recursive: true });
    cpSync(join(root, path), join(input, path), { recursive: true });
  }
  // The app has a preload, so a report without the preload check means the tool scanned nothing (it has
  // been seen to write an empty report on a loaded machine): run it again, and fail rather than pass blind.
  let findings: ReturnType<typeof parseFindingsCsv> = [];
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const report = join(work, `report-${attempt}.csv`);
    // -e: the tool cannot detect the version from these folders, and would otherwise assume a very old one.
    const run = spawnSync(process.execPath, [tool, '-i', input, '-r', '-v', 'false', '-e', electronVersion, '-o', report], {
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      console.error(`electronegativity failed to run (exit ${run.status}):\n${run.stdout}${run.stderr}`);
      process.exit(2);
    }
    findings = parseFindingsCsv(readFileSync(report, 'utf8'));
    if (findings.some((finding) => finding.check === 'PRELOAD_JS_CHECK')) break;
    if (attempt === 3) {
      console.error(
        `electronegativity scanned nothing: three reports without even the preload check (${findings.length} findings). Run npm run lint:security again.`,
      );
      process.exit(2);
    }
  }
  const blocking = blockingFindings(findings);
  for (const review of REVIEWED_FINDINGS) {
    console.log(`reviewed: ${review.check}${review.file ? ` in ${review.file}` : ''} (${review.reason})`);
  }
  for (const finding of findings.filter((f) => !blocking.includes(f) && !['HIGH', 'MEDIUM', 'CRITICAL'].includes(f.severity))) {
    console.log(`note (${finding.severity.toLowerCase()}): ${finding.check} ${finding.file}:${finding.location} ${finding.description}`);
  }
  if (blocking.length > 0) {
    console.error(`electronegativity: ${blocking.length} high or medium finding(s) to fix:`);
    for (const finding of blocking) {
      console.error(`  ${finding.severity} ${finding.check} at ${finding.file}:${finding.location}: ${finding.description}\n    ${finding.sample}`);
    }
    process.exit(1);
  }
  console.log(`electronegativity: no high or medium findings beyond the reviewed ones, in ${SCANNED.join(', ')}.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
