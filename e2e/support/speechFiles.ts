import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wavFile } from '../fake-openai/speechRoute';

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
  if (!existsSync(path)) writeFileSync(path, wavFile(new Int16Array(48_000 * seconds), 48_000));
  return path;
}
