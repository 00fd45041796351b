import { describe, expect, it } from 'vitest';
import { logFileArgument } from '../../../src-main/hosts/electron/logFileArgument';

describe('the log file named on the desktop app’s command line', () => {
  it('is the first argument after the packaged executable, resolved against where the app was started', () => {
    expect(logFileArgument(['/opt/Voice Agent Workbench/voice-agent-workbench', 'logs/call.jsonl'], true, '/home/ada')).toBe(
      '/home/ada/logs/call.jsonl',
    );
    expect(logFileArgument(['C:\\Apps\\workbench.exe'], true, '/home/ada')).toBeUndefined();
  });

  it('in development skips electron and the app path too (`npm start -- FILE`)', () => {
    expect(logFileArgument(['/x/electron', '.', '/tmp/call.jsonl'], false, '/home/ada')).toBe('/tmp/call.jsonl');
    // The app path alone is no log to open.
    expect(logFileArgument(['/x/electron', '/work/main'], false, '/home/ada')).toBeUndefined();
  });

  it('skips Chromium and Electron switches and a bare --, wherever they sit', () => {
    expect(logFileArgument(['/x/electron', '.', '--inspect=9229', '--no-sandbox', '--', 'call.jsonl', 'other.jsonl'], false, '/w')).toBe(
      '/w/call.jsonl',
    );
    expect(logFileArgument(['/app/workbench', '--enable-logging', '-v'], true, '/w')).toBeUndefined();
  });

  it('in development never takes the app path for a log when switches come before it (as Playwright and `electron --inspect .` start it)', () => {
    expect(logFileArgument(['/x/electron', '--inspect=0', '--remote-debugging-port=0', '.', '--user-data-dir=/tmp/u'], false, '/w')).toBeUndefined();
    expect(logFileArgument(['/x/electron', '--inspect=0', '.', 'call.jsonl'], false, '/w')).toBe('/w/call.jsonl');
  });
});
