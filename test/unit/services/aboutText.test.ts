import { describe, expect, it } from 'vitest';
import { aboutText, type AboutFacts } from '../../../src-main/services/aboutText';

const facts: AboutFacts = {
  appName: 'Voice Agent Workbench',
  appVersion: '1.2.3',
  versions: { electron: '45.1.0', chrome: '142.0.7444.52', node: '22.20.0' },
  sessionLogFormat: 1,
  prices: { takenOn: '2026-12-03', own: false },
};

describe('the About text', () => {
  it('names the app version, Electron, Chromium, Node, the session-log format and the prices’ date, one a line', () => {
    expect(aboutText(facts).split('\n')).toEqual([
      'Voice Agent Workbench 1.2.3',
      'Electron 45.1.0',
      'Chromium 142.0.7444.52',
      'Node 22.20.0',
      'Session log format 1',
      'Prices of 2026-12-03',
    ]);
  });

  it('says when the prices are the user’s own table', () => {
    expect(aboutText({ ...facts, prices: { takenOn: '2027-01-15', own: true } })).toContain('Prices of 2027-01-15 (your pricing.json)');
  });

  it('says why there are no prices instead of inventing a date', () => {
    expect(aboutText({ ...facts, prices: { problem: '/app/pricing.json: takenOn: must be the date' } })).toContain(
      'Prices: none could be read (/app/pricing.json: takenOn: must be the date)',
    );
  });

  it('says so when it is not running under Electron', () => {
    expect(aboutText({ ...facts, versions: { node: '22.20.0' } })).toContain('Electron (not running under Electron)');
  });
});
