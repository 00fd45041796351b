import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLayoutStore } from '../../../src-main/services/layoutStore';

async function store() {
  const folder = await mkdtemp(join(tmpdir(), 'layout-'));
  const lines: string[] = [];
  const file = join(folder, 'layout.json');
  return { file, lines, layouts: openLayoutStore(file, (line) => lines.push(line)) };
}

describe('the saved panel layout', () => {
  it('is null until one is saved, then reads back as saved, and null again after a reset', async () => {
    const { layouts, file } = await store();
    expect(await layouts.get()).toBeNull();
    const layout = { grid: { root: { type: 'branch' } }, panels: { events: { id: 'events' } } };
    await layouts.save(layout);
    expect(await layouts.get()).toEqual(layout);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(layout);
    await layouts.save(null);
    expect(await layouts.get()).toBeNull();
  });

  it('sets an unreadable file aside instead of deleting it, says so, and falls back to the default', async () => {
    const { layouts, file, lines } = await store();
    await writeFile(file, '{"grid": tru');
    expect(await layouts.get()).toBeNull();
    expect(await readFile(`${file}.unreadable`, 'utf8')).toBe('{"grid": tru');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${file}: the saved layout is not usable`);
    expect(lines[0]).toContain('using the default layout');
  });

  it('refuses a layout that is not an object', async () => {
    const { layouts, file, lines } = await store();
    await writeFile(file, '[1,2]');
    expect(await layouts.get()).toBeNull();
    expect(lines[0]).toContain('it is not a JSON object');
  });
});
