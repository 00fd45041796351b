import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { turnAudioPath } from '../../src-main/ipc/testsAudioHandlers';

const shipped = resolve('agent-configs');
const user = resolve('/data/agent-configs');

describe('where the Tests panel’s audio turns are read from', () => {
  it('resolves a turn’s audio relative to its listed tests file, as scenario-test does', () => {
    expect(turnAudioPath(join(user, 'mine.tests.json'), 'audio/hello.wav', [shipped, user])).toBe(join(user, 'audio', 'hello.wav'));
    expect(turnAudioPath(join(shipped, 'simpleHandoff.tests.json'), '../speech/hi.wav', [shipped, user])).toBe(resolve('speech', 'hi.wav'));
    expect(turnAudioPath(join(user, 'mine.tests.json'), '/elsewhere/hello.wav', [shipped, user])).toBe(resolve('/elsewhere/hello.wav'));
  });

  it('refuses a tests file outside the listed folders, or a file that is not a tests file, naming it', () => {
    for (const file of [resolve('/tmp/mine.tests.json'), join(user, 'nested', 'mine.tests.json'), join(user, 'settings.json')]) {
      expect(() => turnAudioPath(file, 'hello.wav', [shipped, user])).toThrow(`${file} is not a tests file the Tests panel lists`);
    }
  });
});
