// `npm run lint:security`: Doyensec's electronegativity over the code that decides the Electron app's
// security (main, preload, shared, the page's index.html) as one application, so its global checks (CSP,
// navigation limits, permission handler) see the whole picture. Fails on any high or medium finding that
// is not in REVIEWED_FINDINGS. Usage: tsx scripts/lintSecurity.ts [--root DIR]
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { findingsFromIssues, runElectronegativity } from './electronegativity';
import { REVIEWED_FINDINGS, blockingFindings } from './securityFindings';

const SCANNED = ['src-main', 'src-preload', 'src-shared', 'src-renderer/index.html'];

const rootFlag = process.argv.indexOf('--root');
const root = resolve(rootFlag >= 0 ? process.argv[rootFlag + 1]! : '.');
const electronVersion = (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies[
  'electron'
]!;

/** Scans a copy of the SCANNED paths under `root`: 0 clean, 1 a finding to fix, 2 the scan itself failed. */
async function lint(work: string): Promise<number> {
  const input = join(work, 'app');
  for (const path of SCANNED) {
    mkdirSync(dirname(join(input, path)), { recursive: true });
    cpSync(join(root, path), join(input, path), { recursive: true });
  }
  console.log('electronegativity runs offline: its translation and Electron-releases lookups fail at once (see scripts/electronegativity.ts).');
  const result = await runElectronegativity(input, electronVersion);
  const unparsed = result.errors.filter((error) => !error.tolerable);
  if (unparsed.length > 0) {
    console.error(`electronegativity could not parse ${unparsed.length} file(s), so did not check them:`);
    for (const error of unparsed) console.error(`  ${relative(input, error.file)}: ${error.message}`);
    return 2;
  }
  const findings = findingsFromIssues(result.issues);
  // The app has a preload, so a run without the preload check scanned nothing: fail rather than pass blind.
  if (!findings.some((finding) => finding.check === 'PRELOAD_JS_CHECK')) {
    console.error(`electronegativity scanned nothing: no preload check among its ${findings.length} findings.`);
    return 2;
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
    return 1;
  }
  console.log(
    `electronegativity: no high or medium findings beyond the reviewed ones, in ${SCANNED.join(', ')} (${result.globalChecks + result.atomicChecks} checks).`,
  );
  return 0;
}

const work = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const code = await lint(work).finally(() => rmSync(work, { recursive: true, force: true }));
process.exit(code);
