import { mkdir, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import { WorkbenchError } from '../../../src-shared/errors';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import type { LogWriteStatus, logBeginSchema } from '../../../src-shared/sessionLibrary';
import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION, type SessionLogFooter, type SessionLogHeader } from '../../../src-shared/sessionLog';
import type { Settings } from '../../../src-shared/settings';
import { SESSION_AUDIO_CHANNELS, SESSION_AUDIO_SAMPLE_RATE } from '../../../src-shared/wavFile';
import type { ChangeNotifier } from './changeNotifier';
import { openSessionAudioWriter, type AudioFile, type SessionAudioWriter } from './sessionAudioWriter';
import { LogImageExtractor } from '../../../src-shared/sessionLogImages';
import { audioFileOf, imagesFolderOf, logFileOf } from './sessionFiles';
import { createSessionImageWriter, type SessionImageWriter } from './sessionImageWriter';
import { openSessionLogWriter, type LogFile, type SessionLogWriter } from './sessionLogWriter';
import type { LiveLog } from './sessionSummaries';

export type LogBegin = z.output<typeof logBeginSchema>;

export interface SessionRecorderOptions {
  readonly folder: string;
  readonly appVersion: string;
  readonly settings: () => Settings;
  readonly redact: (event: SessionEvent) => SessionEvent;
  readonly log: (line: string) => void;
  readonly changes: Pick<ChangeNotifier, 'now' | 'soon'>;
  /** Create the log and WAV files; new files on disk unless a test hands in its own. */
  readonly openLogFile?: (file: string) => Promise<LogFile>;
  readonly openAudioFile?: (file: string) => Promise<AudioFile>;
}

interface Recording {
  readonly id: string;
  readonly writer: SessionLogWriter;
  /** The WAV beside the log, when the page records audio and the file could be created. */
  readonly audio: SessionAudioWriter | undefined;
  /** Why this session has no audio although it was asked for (the WAV could not be created). */
  readonly audioProblem: string | undefined;
  /** Takes sent images out of the events (the log names them) and writes them beside the log. */
  readonly images: LogImageExtractor;
  readonly imageFiles: SessionImageWriter;
}

function stamp(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

function status({ id, writer, audio, audioProblem, imageFiles }: Recording): LogWriteStatus {
  return {
    id,
    file: writer.file,
    unsaved: writer.unsaved(),
    problem: writer.problem() ?? audio?.problem() ?? audioProblem ?? imageFiles.problem() ?? null,
  };
}

function logHeader(request: LogBegin, appVersion: string, settings: Settings, audioFile: string | undefined): SessionLogHeader {
  return {
    record: 'header',
    format: SESSION_LOG_FORMAT,
    version: SESSION_LOG_VERSION,
    sessionId: request.sessionId,
    appVersion,
    startedAt: request.startedAt,
    scenario: request.scenario,
    models: {
      realtime: request.realtimeModel,
      supervisor: settings.supervisorModel,
      escalation: settings.escalationModel,
      guardrail: settings.guardrailModel,
    },
    setup: request.setup,
    ...(request.testRun ? { testRun: request.testRun } : {}),
    audio:
      audioFile === undefined
        ? null
        : { file: basename(audioFile), sampleRate: SESSION_AUDIO_SAMPLE_RATE, channels: SESSION_AUDIO_CHANNELS, layout: ['microphone', 'assistant'] },
  };
}

/**
 * The live sessions being saved: one log writer each (and a WAV writer when audio is recorded), keyed by
 * the page's session id. Writers flush on their own schedule; a write failure is logged, shown in the
 * status every call returns, and the session goes on.
 */
export class SessionRecorder {
  private readonly recordings = new Map<string, Recording>();

  constructor(private readonly options: SessionRecorderOptions) {}

  async begin(request: LogBegin): Promise<LogWriteStatus> {
    const { folder } = this.options;
    if (this.recordings.has(request.sessionId))
      throw new WorkbenchError('invalid_request', `Session ${request.sessionId} is already being recorded.`, 'sessionId');
    await mkdir(folder, { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      throw new WorkbenchError(
        'log_unwritable',
        `The sessions folder ${folder} cannot be created (${error.code ?? error.message}); this session will not be saved.`,
      );
    });
    const settings = this.options.settings();
    const id = `${stamp(request.startedAt)}_${request.scenario.id}_${request.sessionId.slice(0, 8)}`;
    const logFile = logFileOf(folder, id);
    const audioFile = audioFileOf(logFile);
    // The WAV first, so the header names it only if it exists.
    const { audio, audioProblem } = request.recordAudio === true ? await this.openAudio(audioFile) : { audio: undefined, audioProblem: undefined };
    const writer = await openSessionLogWriter({
      file: logFile,
      header: logHeader(request, this.options.appVersion, settings, audio ? audioFile : undefined),
      redact: this.options.redact,
      onProblem: this.reportProblem,
      onFlushed: () => this.options.changes.soon(),
      openFile: this.options.openLogFile,
    }).catch(async (error: NodeJS.ErrnoException) => {
      await audio?.close();
      await rm(audioFile, { force: true });
      throw new WorkbenchError(
        'log_unwritable',
        `The session log ${logFile} cannot be created (${error.code ?? error.message}); this session will not be saved.`,
      );
    });
    const recording: Recording = {
      id,
      writer,
      audio,
      audioProblem,
      images: new LogImageExtractor(settings.logImages),
      imageFiles: createSessionImageWriter({ folder: imagesFolderOf(logFile), onProblem: this.reportProblem }),
    };
    this.recordings.set(request.sessionId, recording);
    this.options.changes.now();
    return status(recording);
  }

  append(sessionId: string, events: readonly SessionEvent[]): LogWriteStatus {
    const recording = this.live(sessionId);
    // The data URL of a sent image never reaches the log: the image goes to its own file, the log names it.
    const { events: logged, files } = recording.images.extract(events);
    recording.imageFiles.write(files);
    recording.writer.append(logged);
    return status(recording);
  }

  /** Adds interleaved stereo PCM at `startFrame` (the log's clock at 24 kHz) to the session's WAV. */
  appendAudio(sessionId: string, startFrame: number, pcm: Uint8Array): LogWriteStatus {
    const recording = this.live(sessionId);
    if (!recording.audio && recording.audioProblem === undefined)
      throw new WorkbenchError('invalid_request', `Session ${sessionId} was begun without audio recording; its audio is not kept.`, 'sessionId');
    recording.audio?.write(startFrame, pcm);
    return status(recording);
  }

  async end(sessionId: string, reason: SessionLogFooter['reason']): Promise<LogWriteStatus> {
    const recording = this.live(sessionId);
    this.recordings.delete(sessionId);
    await Promise.all([recording.writer.close(reason), recording.audio?.close(), recording.imageFiles.flush()]);
    this.options.changes.now();
    return status(recording);
  }

  /** The live figures of the session recording into log `id` (not its session id), if one is. */
  liveLog(id: string): LiveLog | undefined {
    return [...this.recordings.values()].find((entry) => entry.id === id)?.writer;
  }

  /** Ends every session still recording (host shutting down) so their logs get footers. */
  async close(): Promise<void> {
    for (const [sessionId, { writer, audio, imageFiles }] of this.recordings) {
      this.recordings.delete(sessionId);
      await imageFiles.flush();
      await writer.close('host-closed').catch(() => undefined);
      await audio?.close().catch(() => undefined);
    }
  }

  /** The session's WAV writer, or why there is none: the session is then saved without audio. */
  private async openAudio(file: string): Promise<Pick<Recording, 'audio' | 'audioProblem'>> {
    try {
      return {
        audio: await openSessionAudioWriter({ file, onProblem: this.reportProblem, openFile: this.options.openAudioFile }),
        audioProblem: undefined,
      };
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      const audioProblem = `The session audio ${file} cannot be created (${code ?? message}); this session is saved without audio.`;
      this.options.log(audioProblem);
      return { audio: undefined, audioProblem };
    }
  }

  private readonly reportProblem = (problem: string | undefined): void => {
    if (problem) this.options.log(problem);
    this.options.changes.now();
  };

  private live(sessionId: string): Recording {
    const entry = this.recordings.get(sessionId);
    if (!entry) throw new WorkbenchError('session_unknown', `No session ${sessionId} is being recorded; it may have ended already.`, 'sessionId');
    return entry;
  }
}
