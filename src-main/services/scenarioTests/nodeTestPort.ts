import { resolve } from 'node:path';
import type { Scenario } from '../../../src-shared/scenario';
import type { TestPort } from '../../../src-shared/scenarioTests/testRun';
import type { Settings } from '../../../src-shared/settings';
import type { UpstreamClientFactory } from '../openaiClient';
import { readWavForSession } from './audioInput';
import { HeadlessSession, type HeadlessSessionOptions } from './headlessSession';
import { judgeCriterion } from './judge';
import { nextCallerLine, speakLine } from './simulatedCaller';

export interface NodeTestPortOptions {
  readonly services: HeadlessSessionOptions['services'];
  readonly upstream: UpstreamClientFactory;
  readonly settings: () => Settings;
  readonly scenario: Scenario;
  /** The folder a tests file's relative audio paths are read from. */
  readonly baseDir: string;
  readonly signal: AbortSignal;
  readonly timeouts?: HeadlessSessionOptions['timeouts'];
  readonly costOf?: TestPort['costOf'];
}

/** A test run's host in Node: headless sessions over the WebSocket, main's own upstream client for the judge, the caller and speech. */
export function nodeTestPort(options: NodeTestPortOptions): TestPort {
  return {
    openSession: (startAgent, testRun) =>
      HeadlessSession.open({
        services: options.services,
        scenario: options.scenario,
        ...(startAgent ? { startAgent } : {}),
        testRun,
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      }),
    judge: async (criterion, conversation) =>
      judgeCriterion(await options.upstream(), options.settings().judgeModel, criterion, conversation, options.signal),
    callerLine: async (brief, conversation) => {
      const model = options.settings().callerModel;
      return { ...(await nextCallerLine(await options.upstream(), model, brief, conversation, options.signal)), model };
    },
    readAudio: (path) => readWavForSession(resolve(options.baseDir, path)),
    speak: async (text) => speakLine(await options.upstream(), text, options.signal),
    ...(options.costOf ? { costOf: options.costOf } : {}),
  };
}
