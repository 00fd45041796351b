import { execFileSync } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionAudioWriter, type AudioFile } from '../../../src-main/services/sessionLog/sessionAudioWriter';
import { BYTES_PER_FRAME, parseWavHeader, WAV_HEADER_BYTES, type WavLayout } from '../../../src-shared/wavFile';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();

/** `frames` stereo frames whose left sample is `left` and right sample is `right`. */
function pcm(frames: number, left: number, right: number): Uint8Array {
  const samples = new Int16Array(frames * 2);
  for (let frame = 0; frame < frames; frame += 1) {
    samples[frame * 2] = left;
    samples[frame * 2 + 1] = right;
  }
  return new Uint8Array(samples.buffer);
}

function layoutOf(bytes: Uint8Array): WavLayout {
  const layout = parseWavHeader(bytes);
  if (typeof layout === 'string') throw new Error(`not a WAV: ${layout}`);
  return layout;
}

/** The file's frames as [left, right] pairs. */
async function framesOf(file: string): Promise<[number, number][]> {
  const bytes = new Uint8Array(await readFile(file));
  const layout = layoutOf(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset + layout.dataOffset, layout.dataBytes);
  const frames: [number, number][] = [];
  for (let offset = 0; offset < layout.dataBytes; offset += BYTES_PER_FRAME)
    frames.push([view.getInt16(offset, true), view.getInt16(offset + 2, true)]);
  return frames;
}

function soxInfo(file: string): string {
  return execFileSync('soxi', [file], { encoding: 'utf8' });
}

describe('the session audio writer', () => {
  it('starts the file with a 24 kHz, 2-channel, 16-bit PCM header and no data', async () => {
    const file = join(await tempDir(), 'empty.wav');
    const writer = await openSessionAudioWriter({ file });
    const bytes = new Uint8Array(await readFile(file));
    expect(bytes.length).toBe(WAV_HEADER_BYTES);
    expect(layoutOf(bytes)).toEqual({ sampleRate: 24_000, channels: 2, bitsPerSample: 16, dataOffset: 44, dataBytes: 0 });
    expect(new DataView(bytes.buffer).getUint32(28, true)).toBe(96_000);
    await writer.close();
  });

  it('appends chunks as they come, and the sizes in the header match the file after each flush and after a clean end', async () => {
    const file = join(await tempDir(), 'growing.wav');
    const writer = await openSessionAudioWriter({ file });
    writer.write(0, pcm(6_000, 100, -100));
    await writer.flush();
    let bytes = new Uint8Array(await readFile(file));
    expect(bytes.length).toBe(44 + 6_000 * 4);
    expect(layoutOf(bytes).dataBytes).toBe(6_000 * 4);
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(36 + 6_000 * 4);
    writer.write(6_000, pcm(6_000, 200, -200));
    await writer.close();
    bytes = new Uint8Array(await readFile(file));
    expect(layoutOf(bytes).dataBytes).toBe(12_000 * 4);
    const frames = await framesOf(file);
    expect(frames[0]).toEqual([100, -100]);
    expect(frames[11_999]).toEqual([200, -200]);
    expect(soxInfo(file)).toMatch(/Channels\s+: 2[\s\S]*Sample Rate\s+: 24000[\s\S]*Duration\s+: 00:00:00\.50 = 12000 samples/);
  });

  it('pads a gap with silence so a chunk lands at its frame on the log clock, and drops frames it already has', async () => {
    const file = join(await tempDir(), 'aligned.wav');
    const writer = await openSessionAudioWriter({ file });
    // The recorder started 1.5 s after the log's t = 0: its first frame is 1.5 × 24,000.
    writer.write(36_000, pcm(100, 7, 8));
    // A chunk overlapping the last 40 frames written keeps only its new frames.
    writer.write(36_060, pcm(100, 9, 10));
    expect(writer.frames()).toBe(36_160);
    await writer.close();
    const frames = await framesOf(file);
    expect(frames).toHaveLength(36_160);
    expect(frames.slice(0, 36_000).every(([left, right]) => left === 0 && right === 0)).toBe(true);
    expect(frames[36_000]).toEqual([7, 8]);
    expect(frames[36_099]).toEqual([7, 8]);
    expect(frames[36_100]).toEqual([9, 10]);
  });

  it('leaves a file that still reads (sox, and its own header) when the process dies without a clean end', async () => {
    const file = join(await tempDir(), 'crashed.wav');
    const writer = await openSessionAudioWriter({ file });
    writer.write(0, pcm(24_000, 1_000, -1_000));
    await writer.flush();
    writer.write(24_000, pcm(2_400, 5, 5));
    // No close: the second chunk never reached the disk, the first one is a complete WAV.
    expect(layoutOf(new Uint8Array(await readFile(file))).dataBytes).toBe(24_000 * 4);
    expect(soxInfo(file)).toMatch(/Duration\s+: 00:00:01\.00 = 24000 samples/);
    await writer.close();
  });

  it('reports a full disk in words, keeps the session aligned, and writes again once space is back', async () => {
    const file = join(await tempDir(), 'full.wav');
    let diskFull = false;
    const problems: (string | undefined)[] = [];
    const writer = await openSessionAudioWriter({
      file,
      onProblem: (problem) => problems.push(problem),
      openFile: async (path): Promise<AudioFile> => {
        const handle = await open(path, 'wx');
        return {
          write: (buffer, offset, length, position) => {
            if (diskFull) return Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
            return handle.write(buffer, offset, length, position);
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        };
      },
    });
    diskFull = true;
    writer.write(0, pcm(240, 3, 4));
    await writer.flush();
    expect(writer.problem()).toMatch(/The disk is full: the session audio .*full\.wav is not being saved/);
    diskFull = false;
    writer.write(240, pcm(240, 5, 6));
    await writer.close();
    expect(problems.at(-1)).toBeUndefined();
    const frames = await framesOf(file);
    expect(frames).toHaveLength(480);
    expect(frames[0]).toEqual([3, 4]);
    expect(frames[479]).toEqual([5, 6]);
  });

  it('never writes into a file that already exists', async () => {
    const file = join(await tempDir(), 'taken.wav');
    await (await openSessionAudioWriter({ file })).close();
    await expect(openSessionAudioWriter({ file })).rejects.toMatchObject({ code: 'EEXIST' });
  });
});
