import { describe, expect, it } from 'vitest';
import { findingsFromIssues, type ElectronegativityIssue } from '../../scripts/electronegativity';
import { blockingFindings, type Finding } from '../../scripts/securityFindings';

function finding(check: string, severity: string, file: string): Finding {
  return { check, severity, file, confidence: 'FIRM', location: '1:1', sample: '', description: '' };
}

describe('reading electronegativity findings', () => {
  it('names each issue the runner returns as its CSV report does, file relative to the scanned folder', () => {
    const issues: ElectronegativityIssue[] = [
      {
        id: 'PRELOAD_JS_CHECK',
        severity: { name: 'MEDIUM' },
        confidence: { name: 'FIRM' },
        file: 'src-main/hosts/electron/mainWindow.ts',
        location: { line: 48, column: 6 },
        sample: '  preload: preloadPath, ',
        description: 'Review the use of preload scripts',
      },
      {
        id: 'CSP_GLOBAL_CHECK',
        severity: { name: 'low' },
        confidence: { name: 'FIRM' },
        file: 'src-renderer/index.html',
        location: { line: 6, column: 0 },
        description: 'One or more CSP directives detected seems to be vulnerable',
      },
    ];
    expect(findingsFromIssues(issues)).toEqual([
      {
        check: 'PRELOAD_JS_CHECK',
        severity: 'MEDIUM',
        confidence: 'FIRM',
        file: 'src-main/hosts/electron/mainWindow.ts',
        location: '48:6',
        sample: 'preload: preloadPath,',
        description: 'Review the use of preload scripts',
      },
      {
        check: 'CSP_GLOBAL_CHECK',
        severity: 'LOW',
        confidence: 'FIRM',
        file: 'src-renderer/index.html',
        location: '6:0',
        sample: '',
        description: 'One or more CSP directives detected seems to be vulnerable',
      },
    ]);
  });
});

describe('which findings fail the security lint', () => {
  it('fails on high and medium findings, not on low ones', () => {
    const high = finding('NODE_INTEGRATION_JS_CHECK', 'HIGH', 'a.ts');
    const medium = finding('AUXCLICK_JS_CHECK', 'MEDIUM', 'a.ts');
    expect(blockingFindings([high, medium, finding('CSP_GLOBAL_CHECK', 'LOW', 'index.html')])).toEqual([high, medium]);
  });

  it('lets the generic "review your preload" pass wherever it is reported', () => {
    expect(blockingFindings([finding('PRELOAD_JS_CHECK', 'MEDIUM', 'anywhere.ts')])).toEqual([]);
  });

  it('accepts the one reviewed openExternal call, but not a second one nor one in another file', () => {
    const reviewed = finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'src-main/hosts/electron/mainWindow.ts');
    const second = { ...reviewed, location: '99:1' };
    const elsewhere = finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'src-main/hosts/electron/appMenu.ts');
    expect(blockingFindings([reviewed])).toEqual([]);
    expect(blockingFindings([reviewed, second])).toEqual([second]);
    expect(blockingFindings([elsewhere])).toEqual([elsewhere]);
  });

  it('fails on a missing CSP', () => {
    const noCsp = finding('CSP_GLOBAL_CHECK', 'MEDIUM', 'N/A');
    expect(blockingFindings([noCsp])).toEqual([noCsp]);
  });
});
