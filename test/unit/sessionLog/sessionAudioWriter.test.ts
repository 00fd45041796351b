import { execFileSync } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openSessionAudioWriter, type AudioFile } from '../../../src-main/services/sessionLog/sessionAudioWriter';
import { BYTES_PER_FRAME, MAX_WAV_DATA_BYTES, parseWavHeader, WAV_HEADER_BYTES, type WavLayout } from '../../../src-shared/wavFile';
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

/** A disk of 8 MB, so that no test (nor a mutant of the writer) can fill memory. */
const MEMORY_DISK_BYTES = 8 * 1024 * 1024;

/** A WAV in memory; `refuse` decides, write by write, whether the disk refuses it, and `most` caps how much one write takes. */
function memoryWav(options: { refuse?: (position: number) => boolean; most?: number } = {}) {
  let bytes = new Uint8Array(0);
  const state = {
    closes: 0,
    bytes: () => bytes,
    file: {
      write: async (buffer: Uint8Array, offset: number, length: number, position: number) => {
        if (offset + length > buffer.length) throw new RangeError(`${offset} + ${length} is past the ${buffer.length} bytes given`);
        const taken = Math.min(length, options.most ?? length);
        if (options.refuse?.(position) || position + taken > MEMORY_DISK_BYTES)
          throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        if (position + taken > bytes.length) {
          const grown = new Uint8Array(position + taken);
          grown.set(bytes);
          bytes = grown;
        }
        bytes.set(buffer.subarray(offset, offset + taken), position);
        return { bytesWritten: taken };
      },
      sync: async () => undefined,
      close: async () => {
        state.closes += 1;
      },
    } satisfies AudioFile,
  };
  return state;
}

/** The frames of a WAV held in memory, as [left, right] pairs. */
function framesIn(bytes: Uint8Array): [number, number][] {
  const layout = layoutOf(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset + layout.dataOffset, layout.dataBytes);
  return Array.from({ length: layout.dataBytes / BYTES_PER_FRAME }, (_, frame) => [
    view.getInt16(frame * BYTES_PER_FRAME, true),
    view.getInt16(frame * BYTES_PER_FRAME + 2, true),
  ]);
}

describe('the session audio writer, at its limits', () => {
  it('stops at the largest size a WAV file can hold, says so once, and keeps the audio it has', async () => {
    const memory = memoryWav();
    const problems: (string | undefined)[] = [];
    const writer = await openSessionAudioWriter({
      file: '/s/long.wav',
      onProblem: (problem) => problems.push(problem),
      openFile: async () => memory.file,
    });
    writer.write(0, pcm(240, 1, 2));
    writer.write(Math.floor(MAX_WAV_DATA_BYTES / BYTES_PER_FRAME) - 5, pcm(10, 3, 4));
    const full = 'The session audio /s/long.wav reached the largest size a WAV file can hold (4 GB); the rest of this session has no audio.';
    expect(writer.problem()).toBe(full);
    writer.write(240, pcm(240, 5, 6));
    expect(writer.frames()).toBe(240);
    await writer.close();
    expect(problems).toEqual([full]);
    expect(framesIn(memory.bytes())).toEqual(Array.from({ length: 240 }, () => [1, 2]));
  });

  it('keeps at most 30 s of audio waiting while the disk refuses it, turning the oldest into silence of the same length', async () => {
    let diskFull = false;
    const memory = memoryWav({ refuse: () => diskFull });
    const writer = await openSessionAudioWriter({ file: '/s/full.wav', openFile: async () => memory.file });
    diskFull = true;
    // The recorder starts a second late; forty seconds of sound arrive while the disk refuses them, retried halfway.
    for (let second = 1; second <= 40; second += 1) {
      writer.write(second * 24_000, pcm(24_000, second, -second));
      if (second === 20) await writer.flush();
    }
    diskFull = false;
    await writer.close();
    const frames = framesIn(memory.bytes());
    const secondStarts = Array.from({ length: 41 }, (_, second) => frames[second * 24_000]);
    expect(frames).toHaveLength(41 * 24_000);
    expect(secondStarts.slice(0, 2)).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(secondStarts.slice(12)).toEqual(Array.from({ length: 29 }, (_, index) => [index + 12, -(index + 12)]));
    expect(frames.at(-1)).toEqual([40, -40]);
  });

  it('writes a chunk cut off by a failure again whole, at the same place, and the chunks before it only once', async () => {
    let failAt: number | undefined = 44 + 240 * BYTES_PER_FRAME;
    const memory = memoryWav({ refuse: (position) => position === failAt });
    const writer = await openSessionAudioWriter({ file: '/s/cut.wav', openFile: async () => memory.file });
    writer.write(0, pcm(240, 1, 1));
    writer.write(240, pcm(240, 2, 2));
    await writer.flush();
    expect(writer.problem()).toMatch(/^The disk is full: the session audio \/s\/cut\.wav/);
    failAt = undefined;
    await writer.close();
    const frames = framesIn(memory.bytes());
    expect(frames).toHaveLength(480);
    expect(frames[239]).toEqual([1, 1]);
    expect(frames[240]).toEqual([2, 2]);
    expect(writer.problem()).toBeUndefined();
  });

  it('finishes a write the file took only part of', async () => {
    const memory = memoryWav({ most: 1_000 });
    const writer = await openSessionAudioWriter({ file: '/s/slow.wav', openFile: async () => memory.file });
    writer.write(0, pcm(2_400, 7, -7));
    await writer.close();
    expect(framesIn(memory.bytes())).toEqual(Array.from({ length: 2_400 }, () => [7, -7]));
  });

  it('writes waiting audio on its own, without waiting for the session to end', async () => {
    const memory = memoryWav();
    const writer = await openSessionAudioWriter({ file: '/s/live.wav', openFile: async () => memory.file });
    writer.write(0, pcm(240, 1, 1));
    await vi.waitFor(() => expect(layoutOf(memory.bytes()).dataBytes).toBe(240 * BYTES_PER_FRAME));
    await writer.close();
  });

  it('ignores audio that arrives after the session ended, and closes its file once however often it is closed', async () => {
    const memory = memoryWav();
    const writer = await openSessionAudioWriter({ file: '/s/ended.wav', openFile: async () => memory.file });
    writer.write(0, pcm(240, 1, 1));
    await writer.close();
    writer.write(240, pcm(240, 2, 2));
    await writer.close();
    expect(writer.frames()).toBe(240);
    expect(memory.closes).toBe(1);
    expect(framesIn(memory.bytes())).toHaveLength(240);
  });
});
