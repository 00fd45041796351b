import { open } from 'node:fs/promises';
import {
  BYTES_PER_FRAME,
  DATA_SIZE_OFFSET,
  MAX_WAV_DATA_BYTES,
  RIFF_SIZE_OFFSET,
  SESSION_AUDIO_SAMPLE_RATE,
  WAV_HEADER_BYTES,
  wavHeader,
  wavSizeFields,
} from '../../../src-shared/wavFile';
import { createFlushSchedule, describeWriteFailure } from './flushSchedule';
/**
 * At most this much audio waits in memory while the disk refuses it; older waiting audio becomes silence
 * of the same length, so what is written later stays aligned to the log's clock.
 */
const MAX_PENDING_BYTES = 30 * SESSION_AUDIO_SAMPLE_RATE * BYTES_PER_FRAME;
const SILENCE = Buffer.alloc(64 * 1024);

/** The part of a file handle the writer uses: positioned writes, so the header's sizes can be patched. */
export interface AudioFile {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface SessionAudioWriterOptions {
  readonly file: string;
  /** Called when writing starts failing or recovers; the live session goes on either way. */
  readonly onProblem?: (problem: string | undefined) => void;
  /** Creates the file; a new file only, so nobody else's file is ever written into. */
  readonly openFile?: (file: string) => Promise<AudioFile>;
}

export interface SessionAudioWriter {
  readonly file: string;
  /**
   * Takes interleaved stereo PCM whose first frame is at `startFrame` on the log's clock (frame 0 = t 0).
   * A gap before it is written as silence; frames already written (an overlap) are dropped.
   */
  write(startFrame: number, pcm: Uint8Array): void;
  /** Frames accepted so far, silence included: where the next chunk is expected to start. */
  frames(): number;
  problem(): string | undefined;
  flush(): Promise<void>;
  /** Writes what is waiting, patches the header's sizes for the last time and closes the file. */
  close(): Promise<void>;
}

type Pending = { readonly kind: 'pcm'; readonly data: Uint8Array } | { readonly kind: 'silence'; readonly bytes: number };

/**
 * Writes one session's stereo WAV as the audio arrives: the header first, then PCM at the end of the data,
 * and after every write the header's two sizes are patched, so the file on disk is a complete, valid WAV
 * after each flush (a killed process leaves a file that sox, browsers and wavesurfer read up to the last
 * flush). Nothing is held for the whole session: waiting audio is written within FLUSH_INTERVAL_MS.
 */
export async function openSessionAudioWriter(options: SessionAudioWriterOptions): Promise<SessionAudioWriter> {
  const openFile = options.openFile ?? ((file: string): Promise<AudioFile> => open(file, 'wx', 0o600));
  const handle = await openFile(options.file);
  await writeFully(wavHeader(0), 0);
  let pending: Pending[] = [];
  let pendingBytes = 0;
  let acceptedFrames = 0;
  let writtenBytes = 0;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;
  /** Set once the file reached the WAV size limit; stays, unlike a write failure that may recover. */
  let full: string | undefined;

  async function writeFully(data: Uint8Array, position: number): Promise<void> {
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
      done += bytesWritten;
    }
  }

  const schedule = createFlushSchedule(() => flush(), options.onProblem);

  function enqueue(entry: Pending): void {
    pending.push(entry);
    pendingBytes += entry.kind === 'pcm' ? entry.data.length : entry.bytes;
    // While the disk refuses writes, keep the timing but not the sound of the oldest waiting audio.
    for (let index = 0; pendingBytes > MAX_PENDING_BYTES && index < pending.length; index += 1) {
      const old = pending[index]!;
      if (old.kind === 'pcm') {
        pending[index] = { kind: 'silence', bytes: old.data.length };
        pendingBytes -= old.data.length;
      }
    }
  }

  async function writeEntry(entry: Pending): Promise<void> {
    if (entry.kind === 'pcm') {
      await writeFully(entry.data, WAV_HEADER_BYTES + writtenBytes);
      writtenBytes += entry.data.length;
      return;
    }
    let left = entry.bytes;
    while (left > 0) {
      const piece = SILENCE.subarray(0, Math.min(left, SILENCE.length));
      await writeFully(piece, WAV_HEADER_BYTES + writtenBytes);
      writtenBytes += piece.length;
      left -= piece.length;
    }
  }

  async function writePending(): Promise<void> {
    if (pending.length === 0) return;
    const entries = pending;
    pending = [];
    pendingBytes = 0;
    let index = 0;
    try {
      for (; index < entries.length; index += 1) await writeEntry(entries[index]!);
      const sizes = wavSizeFields(writtenBytes);
      await writeFully(sizes.riff, RIFF_SIZE_OFFSET);
      await writeFully(sizes.data, DATA_SIZE_OFFSET);
      schedule.setProblem(undefined);
    } catch (error) {
      // An entry cut off by the failure is written again whole, at the same place.
      for (const entry of entries.slice(index).reverse()) pending.unshift(entry);
      pendingBytes = pending.reduce((sum, entry) => sum + (entry.kind === 'pcm' ? entry.data.length : entry.bytes), 0);
      schedule.setProblem(describeWriteFailure('session audio', options.file, error));
      schedule.retry();
    }
  }

  function flush(): Promise<void> {
    writing = writing.then(writePending);
    return writing;
  }

  return {
    file: options.file,
    write(startFrame, pcm) {
      if (closed || full !== undefined) return;
      const frames = Math.floor(pcm.length / BYTES_PER_FRAME);
      const gap = startFrame - acceptedFrames;
      const skip = gap < 0 ? Math.min(-gap, frames) : 0;
      const silence = Math.max(0, gap);
      const kept = frames - skip;
      if (kept === 0) return;
      if ((acceptedFrames + silence + kept) * BYTES_PER_FRAME > MAX_WAV_DATA_BYTES) {
        full = `The session audio ${options.file} reached the largest size a WAV file can hold (4 GB); the rest of this session has no audio.`;
        options.onProblem?.(full);
        return;
      }
      if (silence > 0) enqueue({ kind: 'silence', bytes: silence * BYTES_PER_FRAME });
      enqueue({ kind: 'pcm', data: pcm.subarray(skip * BYTES_PER_FRAME, frames * BYTES_PER_FRAME) });
      acceptedFrames += silence + kept;
      schedule.soon();
    },
    frames: () => acceptedFrames,
    problem: () => full ?? schedule.problem(),
    flush,
    async close() {
      if (closed) return;
      schedule.stop();
      closed = true;
      await flush();
      await handle.sync().catch(() => undefined);
      await handle.close();
    },
  };
}
