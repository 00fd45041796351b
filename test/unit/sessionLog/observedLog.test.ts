import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readObservedLog } from '../../../src-main/services/sessionLog/observedLog';
import { tempDir } from './logFixtures';

const SAMPLE = 'resources/sample-session/customer-service-retail.jsonl';

describe('a whole log read as user turns', () => {
  it('gives the header and the sample’s three turns, nothing skipped', async () => {
    const read = await readObservedLog(SAMPLE);
    expect(read.header?.scenario.id).toBe('customerServiceRetail');
    expect(read.skippedLines).toBe(0);
    expect(read.observed.turns.map((turn) => turn.toolCalls.length)).toEqual([0, 2, 1]);
    expect(read.observed.turns[2]!.user).toBe('Yes, I want to return it.');
  });

  it('reads past many chunks, and counts a crashed log’s cut-off last line as skipped', async () => {
    const lines = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
    const cut = join(await tempDir(), 'crashed.jsonl');
    // Events repeated to more than one chunk of 5,000, then the footer replaced by half a line.
    const events = lines.slice(1, -1);
    const many = Array.from({ length: 30 }, () => events).flat();
    writeFileSync(cut, [lines[0], ...many, lines.at(-1)!.slice(0, 20)].join('\n'));
    const read = await readObservedLog(cut);
    expect(read.skippedLines).toBe(1);
    expect(read.observed.turns.length).toBeGreaterThanOrEqual(3);
    expect(read.header?.sessionId).toBeDefined();
  });
});
