import { buildRawApi, unwrapApi } from '../../../src-shared/bridge';
import type { WorkbenchApi } from '../../../src-shared/contract';
import { WorkbenchError } from '../../../src-shared/errors';
import type { Scenario } from '../../../src-shared/scenario';
import { SessionEngine } from '../../../src-shared/session/sessionEngine';
import { effectiveSessionSettings } from '../../../src-shared/session/sessionSettings';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import type { TestRun } from '../../../src-shared/sessionLog';
import { sleep, TurnWatch, type TurnTimeouts } from '../../../src-shared/scenarioTests/turnWatch';
import { webSocketHost } from '../headless/webSocketHost';
import type { MainServices } from '../mainServices';

/** 100 ms of PCM16 mono at 24 kHz: the slice audio is sent in, at the pace it would be spoken. */
const AUDIO_SLICE_SAMPLES = 2400;
/** Silence after a spoken turn, so the server's turn detection hears its end (server VAD waits 500 ms by default). */
const TRAILING_SILENCE_MS = 1200;

export interface HeadlessSessionOptions {
  readonly services: Pick<MainServices, 'dispatch' | 'settings'>;
  readonly scenario: Scenario;
  /** The agent to start with; the scenario's default when not given. */
  readonly startAgent?: string;
  readonly testRun?: TestRun;
  readonly timeouts?: Partial<TurnTimeouts>;
}

/** Events per log append (the contract takes at most 20,000). */
const LOG_BATCH = 5_000;

/**
 * A realtime session run from Node, as a scenario test runs it: the shared session engine over the SDK's
 * WebSocket transport, main's services for the mint and every model call, and the session saved like any
 * other (marked with its test run). A turn is typed text or audio; each call returns when the turn is over:
 * its responses are done, no tool is still running, every guardrail verdict is in and the server has been
 * quiet a moment.
 */
export class HeadlessSession {
  private readonly watch: TurnWatch;
  /** How many events the log has been given so far. */
  private saved = 0;
  private closed: Promise<{ readonly logId: string }> | undefined;

  private constructor(
    private readonly api: WorkbenchApi,
    private readonly engine: SessionEngine,
    timeouts: Partial<TurnTimeouts> | undefined,
  ) {
    this.watch = new TurnWatch(() => engine.isEnded, timeouts);
  }

  get events(): readonly SessionEvent[] {
    return this.watch.events;
  }

  get sessionId(): string {
    return this.engine.sessionId;
  }

  static async open(options: HeadlessSessionOptions): Promise<HeadlessSession> {
    const { dispatch, settings: settingsStore } = options.services;
    const api = unwrapApi(buildRawApi({ invoke: (channel, request) => dispatch(channel, request), subscribe: () => () => undefined }));
    const settings = settingsStore.get();
    // The log keeps the scenario as it ran; where the catalog found it is not part of it.
    const { source: _source, ...scenario } = options.scenario as Scenario & { source?: unknown };
    // The engine records from its first event on; the session that keeps them exists once the engine does.
    const taker: { session?: HeadlessSession } = {};
    const engine = new SessionEngine({
      port: api,
      scenario,
      settings,
      controls: { startAgent: options.startAgent, output: 'audio', mode: 'vad', lengthCapMinutes: 0, codec: 'pcm16' },
      currentMode: () => 'vad',
      host: webSocketHost(),
      onEvent: (event) => taker.session?.take(event),
    });
    const session = new HeadlessSession(api, engine, options.timeouts);
    taker.session = session;
    await api.log.begin({
      sessionId: engine.sessionId,
      startedAt: new Date().toISOString(),
      scenario,
      realtimeModel: settings.realtimeModel,
      setup: {
        startAgent: options.startAgent ?? scenario.defaultAgent,
        codec: 'pcm16',
        turnDetection: 'server_vad',
        output: 'audio',
        voice: settings.voice,
        session: effectiveSessionSettings(settings.session, scenario.session, settings.realtimeModel).values,
      },
      ...(options.testRun ? { testRun: options.testRun } : {}),
    });
    try {
      await engine.connect();
    } catch (error) {
      await session.close();
      throw error;
    }
    const phase = engine.currentPhase;
    if (phase.status !== 'connected') {
      await session.close();
      throw new WorkbenchError('upstream_unreachable', `The session did not connect: ${'message' in phase ? phase.message : phase.status}.`);
    }
    return session;
  }

  private take(event: SessionEvent): void {
    this.watch.take(event);
  }

  /** Types a user message and waits for the turn to be over. */
  async say(text: string): Promise<void> {
    const from = this.events.length;
    this.engine.sendText(text);
    await this.turnOver(from, `the answer to "${text}"`);
  }

  /** Types a user message and returns at once: the next turn barges in while the answer is still under way. */
  sayWithoutWaiting(text: string): void {
    this.engine.sendText(text);
  }

  /**
   * Speaks PCM16 mono at 24 kHz into the session at the pace it would be spoken, then a second of silence so
   * turn detection hears the end, and waits for the turn to be over. With `waitForAnswer: false` it returns
   * once the audio is sent (a barge-in's caller waits for the answer to the interruption instead).
   */
  async speak(pcm: Int16Array, what: string, { waitForAnswer = true } = {}): Promise<void> {
    const from = this.events.length;
    const silence = new Int16Array((24_000 * TRAILING_SILENCE_MS) / 1000);
    for (const samples of [pcm, silence]) {
      for (let at = 0; at < samples.length; at += AUDIO_SLICE_SAMPLES) {
        if (this.engine.isEnded) throw new WorkbenchError('upstream_unreachable', `The session ended while ${what} was being sent.`);
        const slice = samples.slice(at, at + AUDIO_SLICE_SAMPLES);
        this.engine.sendAudio(slice.buffer);
        await sleep((slice.length / 24_000) * 1000);
      }
    }
    if (waitForAnswer) await this.turnOver(from, `the answer to ${what}`);
  }

  /** Waits until the assistant starts speaking after event `from` (its first audio), then `afterMs` more. */
  async whenSpeaking(from: number, afterMs: number, what: string): Promise<void> {
    await this.watch.speaking(from, what);
    await sleep(afterMs);
  }

  /** Waits, as a user who says nothing: idle timeouts and the like happen meanwhile. */
  async wait(ms: number): Promise<void> {
    await sleep(ms);
  }

  /** The index the next event will have: a turn's events start here. */
  get position(): number {
    return this.watch.position;
  }

  /** Waits for the turn begun at event `from` to be over (see the class comment). */
  async turnOver(from: number, what: string): Promise<void> {
    await this.watch.turnOver(from, what);
    await this.save();
  }

  /** Gives the log the events it does not have yet (after every turn, so a run cut short keeps what it did). */
  private async save(): Promise<void> {
    while (this.saved < this.events.length) {
      const batch = this.events.slice(this.saved, this.saved + LOG_BATCH);
      await this.api.log.append({ sessionId: this.engine.sessionId, events: batch });
      this.saved += batch.length;
    }
  }

  /** Ends the session and saves it: the rest of the events, then the footer. Safe to call twice. */
  close(): Promise<{ readonly logId: string }> {
    this.closed ??= (async () => {
      if (!this.engine.isEnded) this.engine.close();
      await this.save();
      const status = await this.api.log.end({ sessionId: this.engine.sessionId, reason: 'user' });
      return { logId: status.id };
    })();
    return this.closed;
  }
}
