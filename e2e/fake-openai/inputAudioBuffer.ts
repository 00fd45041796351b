import type { ConversationItem } from 'openai/resources/realtime/realtime';
import type { SpokenLines } from './speechRoute';
import { ClientEventError } from './clientEvents';
import type { Conversation } from './conversation';
import { newId } from './ids';
import { decodeAudio, encodingOf, resample, sampleRateOf } from './pcm';
import type { ServerEventSender } from './realtimeLink';
import { transcriptionUsage } from './realtimeUsage';
import type { FakeScript } from './script';
import type { ServerSession } from './serverSession';
import { turnDetectionOf } from './sessionConfig';
import { defaultVadOptions, EnergyVad } from './vad';

/** What the buffer tells its session about the user's turn, once it has sent its own events for it. */
export interface TurnListener {
  speechStarted(): void;
  /** The turn is committed as a user item by now. */
  speechStopped(): void;
}

export interface InputAudioBufferOptions {
  out: ServerEventSender;
  conversation: Conversation;
  session: () => ServerSession;
  /** Says what each audio turn "heard". */
  script: FakeScript;
  /** What the Speech API spoke: heard, in order, once the script's own transcripts are used up. */
  spoken?: SpokenLines;
  /** Counts microphone audio as received. */
  recordAudio(ms: number): void;
  turns: TurnListener;
  /** Whether a fault makes this turn's transcription fail. */
  transcriptionFails(): boolean;
}

/** The user's side of a realtime session: microphone audio in, server VAD over it, and each turn committed as a user item. */
export class InputAudioBuffer {
  private vad: EnergyVad | undefined;
  private bufferedMs = 0;
  private receivedMs = 0;
  private pendingItemId = newId('item');
  private audioTurns = 0;

  constructor(private readonly options: InputAudioBufferOptions) {
    this.resetVad();
  }

  /** Microphone audio (PCM16 at `sampleRate`), from the WebRTC track or decoded from input_audio_buffer.append. */
  append(samples: Int16Array, sampleRate: number): void {
    const ms = (samples.length / sampleRate) * 1000;
    this.bufferedMs += ms;
    this.receivedMs += ms;
    this.options.recordAudio(ms);
    if (!this.vad) return;
    const atRate = resample(samples, sampleRate, 24_000);
    for (const event of this.vad.push(atRate)) {
      if (event.type === 'speech_started') this.onSpeechStarted(event.audioStartMs);
      else this.onSpeechStopped(event.audioEndMs);
    }
  }

  /** input_audio_buffer.append: base64 audio in the session's input format. */
  appendEncoded(audio: string): void {
    const encoding = encodingOf(this.options.session().audio?.input?.format);
    this.append(decodeAudio(Buffer.from(audio, 'base64'), encoding), sampleRateOf(encoding));
  }

  /** input_audio_buffer.commit, the push-to-talk way to end a turn. */
  commit(clientEventId: string | undefined): void {
    if (this.bufferedMs < 100) {
      throw new ClientEventError(
        'input_audio_buffer_commit_empty',
        `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${this.bufferedMs.toFixed(2)}ms of audio.`,
        null,
        clientEventId ?? null,
      );
    }
    this.commitTurn();
  }

  /** Milliseconds of input audio received since the session started. */
  get audioMs(): number {
    return this.receivedMs;
  }

  /**
   * Server VAD's idle timeout ran out: the API says so, then commits the silent audio as a user turn (its
   * transcript empty, as the caller said nothing) for the model to answer.
   */
  commitIdle(audioStartMs: number, audioEndMs: number): void {
    this.options.out.emit({
      type: 'input_audio_buffer.timeout_triggered',
      item_id: this.pendingItemId,
      audio_start_ms: audioStartMs,
      audio_end_ms: audioEndMs,
    });
    this.commitTurn('');
  }

  clear(): void {
    this.bufferedMs = 0;
    this.resetVad();
    this.options.out.emit({ type: 'input_audio_buffer.cleared' });
  }

  /** Starts listening afresh with the session's current turn detection (none when it is off). */
  resetVad(): void {
    const detection = turnDetectionOf(this.options.session());
    this.vad = detection
      ? new EnergyVad({
          ...defaultVadOptions,
          sampleRate: 24_000,
          silenceDurationMs: detection.silenceDurationMs,
          prefixPaddingMs: detection.prefixPaddingMs,
        })
      : undefined;
  }

  private onSpeechStarted(audioStartMs: number): void {
    this.options.out.emit({ type: 'input_audio_buffer.speech_started', audio_start_ms: Math.round(audioStartMs), item_id: this.pendingItemId });
    this.options.turns.speechStarted();
  }

  private onSpeechStopped(audioEndMs: number): void {
    this.options.out.emit({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: Math.round(audioEndMs), item_id: this.pendingItemId });
    this.commitTurn();
    this.options.turns.speechStopped();
  }

  /** The user's audio becomes an item; the script says what it "heard". */
  private commitTurn(silence?: ''): void {
    const { out, conversation, script } = this.options;
    const itemId = this.pendingItemId;
    this.pendingItemId = newId('item');
    this.bufferedMs = 0;
    let transcript: string | undefined = silence;
    if (transcript === undefined) {
      transcript = script.audioTranscripts[this.audioTurns] ?? this.options.spoken?.take() ?? script.defaultAudioTranscript;
      this.audioTurns += 1;
    }
    out.emit({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: conversation.lastId });
    // The GA server sends `transcript: null` until transcription finishes; the openai typings do not model null.
    const item = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      role: 'user',
      status: 'completed',
      content: [{ type: 'input_audio', transcript: null }],
    } as unknown as ConversationItem;
    conversation.add(item);
    out.emit({ type: 'conversation.item.done', item, previous_item_id: conversation.previousId(item) });
    if (!this.options.session().audio?.input?.transcription) {
      (item as { content: { transcript: string | null }[] }).content[0]!.transcript = transcript;
      return;
    }
    if (this.options.transcriptionFails()) {
      // The item keeps `transcript: null`: nothing was transcribed.
      out.emit({
        type: 'conversation.item.input_audio_transcription.failed',
        item_id: itemId,
        content_index: 0,
        error: { type: 'transcription_error', code: 'audio_unintelligible', message: 'Audio could not be transcribed (injected by fake-openai).' },
      });
      return;
    }
    (item as { content: { transcript: string | null }[] }).content[0]!.transcript = transcript;
    out.emit({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta: transcript });
    out.emit({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: itemId,
      content_index: 0,
      transcript,
      usage: transcriptionUsage(transcript),
    });
  }
}
