import { dirname, resolve } from 'node:path';
import { WorkbenchError } from '../../src-shared/errors';
import { mainTimeoutMs } from '../../src-shared/timeouts';
import { MAX_TEST_AUDIO_SECONDS, TEST_AUDIO_SAMPLE_RATE } from '../../src-shared/testsContract';
import type { UpstreamClientFactory } from '../services/openaiClient';
import type { ScenarioLibrary } from '../services/scenarioLibrary';
import { readWavForSession } from '../services/scenarioTests/audioInput';
import { speakLine } from '../services/scenarioTests/simulatedCaller';
import type { Handlers } from './dispatcher';

export interface TestsAudioServices {
  readonly scenarios: Pick<ScenarioLibrary, 'catalog'>;
  /** The shipped scenarios' folder; with the user scenario folder, where the Tests panel lists tests files from. */
  readonly builtinDir: string;
  readonly upstream: UpstreamClientFactory;
}

/**
 * The WAV an `audio` turn names, relative to its tests file, as `scenario-test` reads it; only for a tests file
 * the Tests panel lists (one in the shipped or the user scenario folder), so the page cannot have any file read.
 */
export function turnAudioPath(testsFile: string, audio: string, folders: readonly string[]): string {
  const file = resolve(testsFile);
  if (!file.endsWith('.tests.json') || !folders.some((folder) => dirname(file) === resolve(folder)))
    throw new WorkbenchError('invalid_request', `${testsFile} is not a tests file the Tests panel lists, so its audio is not read.`, 'testsFile');
  return resolve(dirname(file), audio);
}

/** PCM16 mono at 24 kHz as the contract carries it, refused past the longest audio one call may carry. */
function carried(pcm: Int16Array, what: string): { pcm: string } {
  const seconds = pcm.length / TEST_AUDIO_SAMPLE_RATE;
  if (seconds > MAX_TEST_AUDIO_SECONDS)
    throw new WorkbenchError(
      'invalid_request',
      `${what} lasts ${Math.round(seconds)} s; a turn in the app's Tests panel plays at most ${MAX_TEST_AUDIO_SECONDS} s (run it with npm run scenario-test).`,
    );
  return { pcm: Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64') };
}

/** The audio a test run in the page plays into its microphone: a turn's WAV file, and a voice caller's lines spoken. */
export function testsAudioHandlers(services: TestsAudioServices): Pick<Handlers['tests'], 'readAudio' | 'speak'> {
  return {
    readAudio: async ({ testsFile, audio }) => {
      const path = turnAudioPath(testsFile, audio, [services.builtinDir, services.scenarios.catalog().userFolder]);
      return carried(await readWavForSession(path), `The audio file ${path}`);
    },
    speak: async ({ text }) => {
      const client = await services.upstream();
      const pcm = await speakLine(client, text, AbortSignal.timeout(mainTimeoutMs('tests:speak')));
      return carried(pcm, `The caller's spoken line "${text}"`);
    },
  };
}
