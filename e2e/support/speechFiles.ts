import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = join(tmpdir(), 'workbench-e2e-audio');

/**
 * A WAV for Chromium's fake microphone: espeak-ng speech, padded with silence so that a server VAD
 * sees one utterance and then a pause (Chromium loops the file).
 */
export function speechWav(name: string, text: string, trailingSilenceSeconds = 6): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.wav`);
  if (existsSync(path)) return path;
  const raw = join(folder, `${name}.raw.wav`);
  execFileSync('espeak-ng', ['-w', raw, text], { timeout: 20_000 });
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', path, 'pad', '0.5', String(trailingSilenceSeconds)], { timeout: 20_000 });
  return path;
}

/**
 * A silent microphone, so text-only tests never trigger a voice turn. Written here rather than by sox, so the
 * Electron e2e on macOS and Windows runners (which have no sox) has one too: 48 kHz, mono, 16-bit PCM.
 */
export function silenceWav(seconds = 10): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `silence-${seconds}.wav`);
  if (existsSync(path)) return path;
  const rate = 48_000;
  const dataBytes = rate * 2 * seconds;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  writeFileSync(path, Buffer.concat([header, Buffer.alloc(dataBytes)]));
  return path;
}
