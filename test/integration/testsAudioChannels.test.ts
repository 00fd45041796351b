import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wavFile } from '../../e2e/fake-openai/speechRoute';
import type { Envelope } from '../../src-shared/contract';
import { tone } from '../../e2e/fake-openai/speech';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { useTempDirs } from '../support/tempDir';
import { createTestServices } from '../support/testServices';

const makeDir = useTempDirs();
const startFake = useFakeOpenAI();
const KEY = 'sk-test';

function samplesOf(envelope: Envelope): Int16Array {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  const bytes = Buffer.from((envelope.value as { pcm: string }).pcm, 'base64');
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

/** Services against the fake, with a tests file in the user scenario folder (where the Tests panel lists it). */
async function withUserTestsFile() {
  const fake = await startFake({ apiKeys: [KEY] });
  const dataDir = await makeDir();
  const services = await createTestServices(dataDir, { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
  const folder = join(dataDir, 'agent-configs');
  await mkdir(join(folder, 'audio'), { recursive: true });
  const testsFile = join(folder, 'mine.tests.json');
  await writeFile(testsFile, '{ "scenario": "simpleHandoff", "tests": [] }');
  return { fake, dataDir, folder, testsFile, dispatch: services.dispatch };
}

describe('the audio a test run in the page asks main for', () => {
  it('reads an audio turn’s WAV relative to its tests file, as mono 16-bit PCM at 24 kHz', async () => {
    const { folder, testsFile, dispatch } = await withUserTestsFile();
    // 0.5 s of 48 kHz stereo: left 1000, right 3000, so the mono mix is 2000.
    const stereo = new Int16Array(48_000).map((_, index) => (index % 2 === 0 ? 1000 : 3000));
    const wav = wavFile(stereo, 48_000);
    wav.writeUInt16LE(2, 22);
    wav.writeUInt32LE(48_000 * 4, 28);
    wav.writeUInt16LE(4, 32);
    await writeFile(join(folder, 'audio', 'hello.wav'), wav);
    const pcm = samplesOf(await dispatch('tests:readAudio', { testsFile, audio: 'audio/hello.wav' }));
    expect(pcm.length).toBe(12_000);
    expect(new Set(pcm)).toEqual(new Set([2000]));
  });

  it('names the file when it is missing or not a 16-bit PCM WAV', async () => {
    const { folder, testsFile, dispatch } = await withUserTestsFile();
    expect(await dispatch('tests:readAudio', { testsFile, audio: 'audio/gone.wav' })).toMatchObject({
      ok: false,
      error: { code: 'io_error', message: expect.stringContaining(`Cannot read the audio file ${join(folder, 'audio', 'gone.wav')}`) },
    });
    await writeFile(join(folder, 'audio', 'notes.wav'), 'these are words, not audio');
    expect(await dispatch('tests:readAudio', { testsFile, audio: 'audio/notes.wav' })).toMatchObject({
      ok: false,
      error: { code: 'io_error', message: expect.stringContaining(`The audio file ${join(folder, 'audio', 'notes.wav')} `) },
    });
  });

  it('reads audio only for a tests file the Tests panel lists', async () => {
    const { dataDir, dispatch } = await withUserTestsFile();
    const elsewhere = join(dataDir, 'elsewhere.tests.json');
    await writeFile(elsewhere, '{}');
    for (const testsFile of [elsewhere, join(dataDir, 'agent-configs', 'settings.json')]) {
      expect(await dispatch('tests:readAudio', { testsFile, audio: 'x.wav' })).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_request',
          field: 'testsFile',
          message: `${testsFile} is not a tests file the Tests panel lists, so its audio is not read.`,
        },
      });
    }
  });

  it('refuses a turn too long for one call, saying how long it is and where it runs instead', async () => {
    const { folder, testsFile, dispatch } = await withUserTestsFile();
    await writeFile(join(folder, 'audio', 'long.wav'), wavFile(new Int16Array(24_000 * 121), 24_000));
    expect(await dispatch('tests:readAudio', { testsFile, audio: 'audio/long.wav' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        message: expect.stringMatching(/long\.wav lasts 121 s; .* at most 120 s \(run it with npm run scenario-test\)/),
      },
    });
  });

  it('speaks a voice caller’s line with the Speech API, whose audio the fake then hears as that line', async () => {
    const { fake, dispatch } = await withUserTestsFile();
    const text = 'Could you write me a haiku?';
    const pcm = samplesOf(await dispatch('tests:speak', { text }));
    // The fake speaks a tone as long as the text would take to say, at 48 kHz; the Speech API answers at 24 kHz.
    expect(pcm.length).toBe(tone(text).length / 2);
    expect(pcm.some((sample) => Math.abs(sample) > 1000)).toBe(true);
    const asked = fake.received.http.filter((entry) => entry.path === '/v1/audio/speech');
    expect(asked.map((entry) => (entry.body as { input?: string; response_format?: string }).input)).toEqual([text]);
    expect((asked[0]!.body as { response_format?: string }).response_format).toBe('pcm');
  });
});
