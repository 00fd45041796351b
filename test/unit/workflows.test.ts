import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import packageJson from '../../package.json' with { type: 'json' };

/** The parts of a GitHub Actions workflow these tests read. */
interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  strategy?: { matrix: { os?: string[]; include?: { os: string }[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<string, Job>;
}

const files = ['.github/workflows/ci.yml', '.github/workflows/release.yml'];
const read = (file: string) => parse(readFileSync(file, 'utf8')) as Workflow;
const ci = read('.github/workflows/ci.yml');
const release = read('.github/workflows/release.yml');
const allSteps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = (steps: Step[]) => steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));
const onLinux = (step: Step) => step.if === undefined || step.if === "runner.os == 'Linux'";
const onOtherOs = (step: Step) => step.if === undefined || step.if === "runner.os != 'Linux'";

/** Each `uses:` line of a file as written, comment included (parsed YAML drops comments). */
function usesLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^\s*(-\s+)?uses:/.test(line))
    .map((line) => line.trim().replace(/^-\s+/, ''));
}

describe('the GitHub workflows', () => {
  it.each(files)('%s grants nothing at the top, so each job names the permissions it needs', (file) => {
    const workflow = read(file);
    expect(workflow.permissions).toEqual({});
    for (const [name, job] of Object.entries(workflow.jobs)) expect(job.permissions, `job ${name}`).toBeDefined();
    // `permissions: {}` and not an empty `permissions:` (null), which GitHub reads as the defaults.
    expect(parseDocument(readFileSync(file, 'utf8')).get('permissions')).toEqual(expect.objectContaining({ items: [] }));
  });

  it.each(files)('%s pins every action to a full commit SHA with its version in a comment', (file) => {
    const lines = usesLines(file);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/);
  });

  it.each(files)('%s checks out without leaving the token in .git/config', (file) => {
    const checkouts = allSteps(read(file)).filter((step) => step.uses?.startsWith('actions/checkout@'));
    for (const checkout of checkouts) expect(checkout.with?.['persist-credentials']).toBe(false);
  });

  it.each(files)('%s takes Node from .nvmrc, which names the current LTS', (file) => {
    const setups = allSteps(read(file)).filter((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setups.length).toBeGreaterThan(0);
    for (const setup of setups) expect(setup.with?.['node-version-file']).toBe('.nvmrc');
    expect(readFileSync('.nvmrc', 'utf8').trim()).toBe('24');
  });

  it('CI runs on every push and pull request on Linux, macOS and Windows, with npm’s cache', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.on['push']).toBeNull();
    const [job] = Object.values(ci.jobs);
    expect(job?.strategy?.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    expect(job?.permissions).toEqual({ contents: 'read' });
    expect(job?.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['cache']).toBe('npm');
  });

  it('CI installs, typechecks, lints and runs the unit and integration tests on every OS', () => {
    const steps = Object.values(ci.jobs)[0]!.steps;
    const everywhere = runs(steps.filter((step) => step.if === undefined));
    expect(everywhere).toEqual(expect.arrayContaining(['npm ci --no-audit --no-fund', 'npm run typecheck', 'npm run lint', 'npm run test:unit']));
    expect(runs(steps.filter((step) => step.if === "runner.os == 'Linux'"))).toContain('npm run test:integration');
    expect(
      runs(steps.filter((step) => step.if === "runner.os != 'Linux'")).some((run) => run.startsWith('npx vitest run --project integration')),
    ).toBe(true);
  });

  it('CI runs on Linux every part of `npm test`, the e2e under Xvfb', () => {
    const linux = runs(Object.values(ci.jobs)[0]!.steps.filter(onLinux)).join('\n');
    const parts = packageJson.scripts.test.split('&&').map((part) => part.trim());
    for (const part of parts) expect(linux, part).toContain(part);
    expect(linux).toMatch(/^xvfb-run .*npm run test:e2e$/m);
  });

  it('CI runs the Electron e2e directly on macOS and Windows, after the build', () => {
    const other = runs(Object.values(ci.jobs)[0]!.steps.filter(onOtherOs));
    expect(other.indexOf('npx playwright test --project electron')).toBeGreaterThan(other.indexOf('npm run build'));
    expect(other.indexOf('npm run build')).toBeGreaterThan(-1);
  });

  it('Release runs on version tags and on pull requests, packaging on each OS and never publishing from electron-builder', () => {
    expect(release.on).toEqual({ push: { tags: ['v*'] }, pull_request: null });
    const { package: packageJob } = release.jobs;
    expect(packageJob?.strategy?.matrix.include?.map((entry) => entry.os)).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    expect(packageJob?.permissions).toEqual({ contents: 'read' });
    expect(runs(packageJob!.steps).filter((run) => run.includes('electron-builder'))).toEqual([
      'npx electron-builder ${{ matrix.platform }} --publish never',
    ]);
  });

  it('Release uploads the installers and update files as artifacts on every run', () => {
    const upload = release.jobs['package']!.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBeUndefined();
    expect(upload?.with?.['if-no-files-found']).toBe('error');
    const paths = String(upload?.with?.['path']).trim().split('\n');
    for (const kind of ['AppImage', 'deb', 'dmg', 'zip', 'exe', 'blockmap']) expect(paths).toContain(`dist/*.${kind}`);
    expect(paths).toContain('dist/latest*.yml');
  });

  it('Release drafts a GitHub release only on a tag, in the one job that may write', () => {
    const writers = Object.entries(release.jobs).filter(([, job]) => job.permissions?.['contents'] === 'write');
    expect(writers.map(([name]) => name)).toEqual(['draft-release']);
    const draft = release.jobs['draft-release']!;
    expect(draft.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(draft.needs).toBe('package');
    expect(runs(draft.steps).join('\n')).toMatch(/gh release create "\$TAG" .*--draft/);
    // It runs no npm install scripts and checks nothing out: the write token never meets the project's code.
    expect(draft.steps.some((step) => step.uses?.startsWith('actions/checkout@') || step.run?.includes('npm'))).toBe(false);
  });

  it('Release hands the signing and notarisation secrets to electron-builder, and says when they are absent', () => {
    const steps = release.jobs['package']!.steps;
    const packaging = steps.find((step) => step.run?.includes('electron-builder'));
    expect(Object.keys(packaging?.env ?? {}).sort()).toEqual(
      ['APPLE_API_ISSUER', 'APPLE_API_KEY_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_ID', 'APPLE_TEAM_ID', 'CSC_KEY_PASSWORD', 'CSC_LINK'].sort(),
    );
    const signing = steps.findIndex((step) => step.run === 'bash .github/scripts/signing-state.sh');
    expect(signing).toBeGreaterThan(-1);
    expect(signing).toBeLessThan(steps.indexOf(packaging!));
  });
});
