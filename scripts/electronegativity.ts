// Doyensec's electronegativity (1.10) called through its library API (the runner its CLI calls), offline.
//
// Why not the CLI: with -o it writes the CSV header and the rows as two concurrent fs.writeFile calls, the
// header's truncating the file; on Node 24 the header lands over the first row (a finding lost), and under load
// it can truncate every row away (the empty reports once seen here). The runner returns the issues instead.
//
// Why offline: the tool reaches the network in two places, both through got 11: its i18n module fetches updated
// translations (the en-US messages ship with it), and AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK fetches Electron's
// releases list. Without a network, on Node 22 and later, got 11 sees the failed connection twice (the DNS error,
// then ERR_SOCKET_CLOSED_BEFORE_CONNECTION), rejects, and its already scheduled retry then throws "The `onCancel`
// handler was attached after the promise settled" from a timer, ending the process (sindresorhus/got#1489). So
// got is replaced, for the tool only, by one that fails at once as an unreachable host does, and the tool takes
// its own offline path ("No connectivity?"): every check still runs on every file. The releases check can only
// add a finding about an Electron version read from a scanned package.json; the lint scans none (it passes the
// version instead), so it adds none with the network or without it.
import Module, { createRequire } from 'node:module';
import type { Finding } from './securityFindings';

/** An issue as electronegativity's runner returns it. */
export interface ElectronegativityIssue {
  readonly id: string;
  readonly severity: { readonly name: string };
  readonly confidence: { readonly name: string };
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly sample?: string;
  readonly description: string;
}

/** A file the tool could not parse, so did not check (`tolerable` ones were parsed, with warnings). */
export interface ElectronegativityError {
  readonly file: string;
  readonly message: string;
  readonly tolerable: boolean;
}

export interface ElectronegativityResult {
  readonly globalChecks: number;
  readonly atomicChecks: number;
  readonly errors: readonly ElectronegativityError[];
  readonly issues: readonly ElectronegativityIssue[];
}

interface RunnerOptions {
  readonly input: string;
  readonly isRelative: boolean;
  readonly electronVersionOverride: string;
  readonly customScan: readonly string[];
  readonly excludeFromScan: readonly string[];
  readonly parserPlugins: readonly string[];
}

type Runner = (options: RunnerOptions, forCli: boolean) => Promise<ElectronegativityResult>;

/** The issues as findings, as the CSV report names them (file relative to the scanned folder). */
export function findingsFromIssues(issues: readonly ElectronegativityIssue[]): Finding[] {
  return issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name.toUpperCase(),
    confidence: issue.confidence.name,
    file: issue.file,
    location: `${issue.location.line}:${issue.location.column}`,
    sample: (issue.sample ?? '').trim(),
    description: issue.description,
  }));
}

/** got(url, options) and got.head(url), as electronegativity calls them: the rejection of an unreachable host. */
function offlineGot(url: string): Promise<never> {
  return Promise.reject(Object.assign(new Error(`not fetched: the security lint makes no network request (${url})`), { code: 'ENETUNREACH' }));
}
offlineGot.head = offlineGot;

function toolRequire(): NodeJS.Require {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('@doyensec/electronegativity/package.json'));
}

/** Puts the offline got in the module cache where the tool's `require('got')` finds it, before the tool loads. */
function keepOffline(require: NodeJS.Require): void {
  const gotPath = require.resolve('got');
  const offline = new Module(gotPath);
  offline.filename = gotPath;
  offline.loaded = true;
  offline.exports = offlineGot;
  require.cache[gotPath] = offline;
}

/** Every check of the tool over `input` (a folder), for Electron `electronVersion`, without the network. */
export async function runElectronegativity(input: string, electronVersion: string): Promise<ElectronegativityResult> {
  const require = toolRequire();
  keepOffline(require);
  const run = require('./dist/runner.js') as Runner;
  // The options the CLI passes for `-i input -r -e version`: no custom or excluded checks.
  return run({ input, isRelative: true, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: [], parserPlugins: [] }, false);
}
