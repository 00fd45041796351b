import { describe, expect, it } from 'vitest';
import { blockingFindings, parseFindingsCsv, type Finding } from '../../scripts/securityFindings';

const csv = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'PRELOAD_JS_CHECK,"MEDIUM","FIRM","src-main/hosts/electron/mainWindow.ts","24:6","preload: preloadPath,","Review the use of preload scripts",https://example/wiki',
  'CSP_GLOBAL_CHECK,"LOW","FIRM","src-renderer/index.html","6:0","default-src \'none\'; connect-src \'self\' http:","One or more CSP directives, it says, ""seem"" weak",https://example/wiki',
  'NODE_INTEGRATION_JS_CHECK,"HIGH","CERTAIN","src-main/hosts/electron/other.ts","3:1","nodeIntegration: true","Disable nodeIntegration",https://example/wiki',
  '',
].join('\n');

function finding(check: string, severity: string, file: string): Finding {
  return { check, severity, file, confidence: 'FIRM', location: '1:1', sample: '', description: '' };
}

describe('reading electronegativity findings', () => {
  it('reads each row, with commas and doubled quotes inside quoted fields', () => {
    const findings = parseFindingsCsv(csv);
    expect(findings.map((f) => [f.check, f.severity, f.file])).toEqual([
      ['PRELOAD_JS_CHECK', 'MEDIUM', 'src-main/hosts/electron/mainWindow.ts'],
      ['CSP_GLOBAL_CHECK', 'LOW', 'src-renderer/index.html'],
      ['NODE_INTEGRATION_JS_CHECK', 'HIGH', 'src-main/hosts/electron/other.ts'],
    ]);
    expect(findings[1]!.description).toBe('One or more CSP directives, it says, "seem" weak');
    expect(findings[0]!.sample).toBe('preload: preloadPath,');
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
