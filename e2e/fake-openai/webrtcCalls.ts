import {
  MediaStreamTrack,
  RTCPeerConnection,
  RtpHeader,
  RtpPacket,
  useOPUS,
  usePCMU,
  RTCRtpCodecParameters,
  type RTCDataChannel,
  type RTCRtpTransceiver,
} from 'werift';
import { ApiError, badRequest } from './apiError';
import type { Credential } from './credentials';
import { newId } from './ids';
import { OPUS_FRAME_SAMPLES, OpusCodec } from './opusCodec';
import type { PacedChannel } from './pacedSender';
import { decodeAudio, encodeAudio, resample, type AudioEncoding } from './pcm';
import type { AudioOutput } from './realtimeLink';
import { RealtimeSession, type SessionDeps } from './realtimeSession';
import type { ServerSession } from './serverSession';
import { startingSession } from './sessionConfig';
import { SPEECH_SAMPLE_RATE } from './speech';

const FRAME_MS = 20;
const ICE_GATHERING_TIMEOUT_MS = 5_000;

/** POST /v1/realtime/calls: answers an SDP offer with a werift peer on 127.0.0.1 carrying `oai-events` and audio both ways. */
export class WebRtcCalls {
  private readonly calls = new Set<WebRtcCall>();

  constructor(private readonly deps: () => SessionDeps) {}

  async answer(
    offer: string,
    contentType: string | undefined,
    credential: Credential,
    model: string | null,
    refuse: boolean,
  ): Promise<{ callId: string; sdp: string }> {
    if (!contentType?.toLowerCase().startsWith('application/sdp')) {
      throw new ApiError(415, 'unsupported_content_type', `Expected Content-Type application/sdp, got ${contentType ?? 'none'}.`);
    }
    if (refuse) throw badRequest('Invalid SDP offer (refused by fake-openai fault injection).', null, 'invalid_offer');
    if (!/^v=0/m.test(offer) || !/^m=audio /m.test(offer)) throw badRequest('Invalid SDP offer: it needs an audio m-line.', null, 'invalid_offer');
    const call = new WebRtcCall(newId('rtc'), this.deps(), startingSession(credential, model), () => this.calls.delete(call));
    this.calls.add(call);
    try {
      return { callId: call.id, sdp: await call.negotiate(offer) };
    } catch (error) {
      await call.close();
      throw badRequest(`Invalid SDP offer: ${(error as Error).message}`, null, 'invalid_offer');
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.calls].map((call) => call.close()));
  }
}

class WebRtcCall {
  private readonly pc = new RTCPeerConnection({
    codecs: {
      audio: [useOPUS(), usePCMU(), new RTCRtpCodecParameters({ mimeType: 'audio/PCMA', clockRate: 8000, channels: 1, payloadType: 8 })],
    },
    // Loopback only, and no STUN: the browser under test is on this machine and nothing reaches the internet.
    iceServers: [],
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
  });
  private readonly opus = new OpusCodec();
  private session: RealtimeSession | undefined;
  private readonly player: TrackPlayer;
  private closed = false;
  private audioTransceiver: RTCRtpTransceiver | undefined;

  constructor(
    readonly id: string,
    private readonly deps: SessionDeps,
    private readonly initial: ServerSession,
    private readonly onClosed: () => void,
  ) {
    this.player = new TrackPlayer(this.opus);
    this.listenToMicrophone();
    this.pc.onDataChannel.subscribe((channel) => {
      if (channel.label === 'oai-events') this.openSession(channel);
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'failed' || state === 'closed') void this.close();
    });
  }

  async negotiate(offer: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    const transceiver = this.pc.getTransceivers().find((candidate) => candidate.kind === 'audio');
    if (!transceiver) throw new Error('the offer has no audio transceiver');
    transceiver.setDirection('sendrecv');
    this.audioTransceiver = transceiver;
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    await this.iceGathered();
    this.player.attach(transceiver, encodingOfCodec(transceiver.sender.codec?.mimeType));
    return pinCandidatesToLoopback(this.pc.localDescription!.sdp);
  }

  private iceGathered(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ICE_GATHERING_TIMEOUT_MS);
      this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state !== 'complete') return;
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Subscribed before negotiation: werift creates the remote track while it applies the offer. */
  private listenToMicrophone(): void {
    this.pc.onTrack.subscribe((track) => {
      if (track.kind !== 'audio') return;
      track.onReceiveRtp.subscribe((rtp) => {
        if (!this.session || this.closed || rtp.payload.length === 0) return;
        const codec = this.audioTransceiver?.codecs.find((candidate) => candidate.payloadType === rtp.header.payloadType);
        const encoding = encodingOfCodec(codec?.mimeType);
        if (encoding === 'opus') this.session.receiveAudio(this.opus.decode(rtp.payload), 48_000);
        else this.session.receiveAudio(decodeAudio(rtp.payload, encoding), 8_000);
      });
    });
  }

  private openSession(channel: RTCDataChannel): void {
    const start = () => {
      if (this.session) return;
      this.session = new RealtimeSession(
        {
          transport: 'webrtc',
          channel: pacedDataChannel(channel),
          audioOut: this.player,
          drop: () => {
            channel.close();
            void this.close();
          },
        },
        this.deps,
        this.initial,
      );
    };
    channel.onMessage.subscribe((data) => this.session?.receive(data.toString()));
    channel.stateChanged.subscribe((state) => {
      if (state === 'open') start();
      if (state === 'closed') void this.close();
    });
    if (channel.readyState === 'open') start();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session?.close();
    this.player.stop();
    this.onClosed();
    await this.pc.close();
    this.opus.delete();
  }
}

/** werift's data channel for the paced sender: its `bufferedAmount` and `bufferedAmountLow` event, or its closing. */
function pacedDataChannel(channel: RTCDataChannel): PacedChannel {
  return {
    get bufferedAmount() {
      return channel.bufferedAmount;
    },
    get isOpen() {
      return channel.readyState === 'open';
    },
    write: (data) => channel.send(data),
    onDrain: (lowWaterMark, listener) => {
      channel.bufferedAmountLowThreshold = lowWaterMark;
      const low = channel.bufferedAmountLow.subscribe(listener);
      const closed = channel.stateChanged.subscribe((state) => {
        if (state === 'closed') listener();
      });
      return () => {
        low.unSubscribe();
        closed.unSubscribe();
      };
    },
  };
}

type TrackEncoding = 'opus' | Exclude<AudioEncoding, 'pcm16'>;

function encodingOfCodec(mimeType: string | undefined): TrackEncoding {
  const name = mimeType?.toLowerCase();
  if (name === 'audio/pcmu') return 'pcmu';
  if (name === 'audio/pcma') return 'pcma';
  return 'opus';
}

/** The answer lists only loopback host candidates, so the browser never tries another interface. */
function pinCandidatesToLoopback(sdp: string): string {
  return sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') || / 127\.0\.0\.1 \d+ typ host/.test(line))
    .join('\r\n');
}

/** Plays queued speech on the outgoing track in real time, 20 ms a packet, and reports when each response's audio starts and stops. */
class TrackPlayer implements AudioOutput {
  private readonly queue: { samples: Int16Array; offset: number; responseId: string }[] = [];
  private listener: Parameters<AudioOutput['setListener']>[0] | undefined;
  private transceiver: RTCRtpTransceiver | undefined;
  private encoding: TrackEncoding = 'opus';
  private timer: NodeJS.Timeout | undefined;
  private playing: string | undefined;
  private sequence = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private startedAt = 0;
  private framesSent = 0;
  private talkspurt = true;
  private lastFrameAt = 0;

  constructor(private readonly opus: OpusCodec) {}

  attach(transceiver: RTCRtpTransceiver, encoding: TrackEncoding): void {
    this.transceiver = transceiver;
    this.encoding = encoding;
    if (!transceiver.sender.track) void transceiver.sender.replaceTrack(new MediaStreamTrack({ kind: 'audio' }));
  }

  private get clockRate(): number {
    return this.encoding === 'opus' ? 48_000 : 8_000;
  }

  setListener(listener: Parameters<AudioOutput['setListener']>[0]): void {
    this.listener = listener;
  }

  play(samples48k: Int16Array, responseId: string): void {
    this.queue.push({ samples: samples48k, offset: 0, responseId });
    if (this.timer) return;
    // Idle time still advances the RTP clock, so the receiver's jitter buffer sees a pause, not a jump.
    if (this.lastFrameAt) this.timestamp = (this.timestamp + Math.round((this.clockRate * (Date.now() - this.lastFrameAt)) / 1000)) >>> 0;
    this.startedAt = Date.now();
    this.framesSent = 0;
    this.talkspurt = true;
    this.timer = setInterval(() => this.tick(), FRAME_MS / 2);
  }

  clear(): boolean {
    const wasPlaying = this.playing !== undefined || this.queue.length > 0;
    this.queue.length = 0;
    this.playing = undefined;
    this.stopTimer();
    return wasPlaying;
  }

  stop(): void {
    this.clear();
  }

  /** Sends every frame that is due by the wall clock, so playback keeps real time despite timer jitter. */
  private tick(): void {
    const due = Math.floor((Date.now() - this.startedAt) / FRAME_MS) + 1;
    while (this.framesSent < due) {
      const current = this.queue[0];
      if (!current) {
        this.stopTimer();
        return;
      }
      if (this.playing !== current.responseId) {
        this.playing = current.responseId;
        this.listener?.started(current.responseId);
      }
      const frame = new Int16Array(OPUS_FRAME_SAMPLES);
      frame.set(current.samples.subarray(current.offset, current.offset + OPUS_FRAME_SAMPLES));
      current.offset += OPUS_FRAME_SAMPLES;
      this.send(frame);
      this.framesSent += 1;
      if (current.offset >= current.samples.length) {
        this.queue.shift();
        if (this.queue[0]?.responseId !== current.responseId) {
          this.playing = undefined;
          this.listener?.stopped(current.responseId);
        }
      }
    }
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private send(frame: Int16Array): void {
    const sender = this.transceiver?.sender;
    if (!sender) return;
    const payload = this.encoding === 'opus' ? this.opus.encode(frame) : encodeAudio(resample(frame, SPEECH_SAMPLE_RATE, 8_000), this.encoding);
    const header = new RtpHeader({ sequenceNumber: this.sequence, timestamp: this.timestamp, marker: this.talkspurt });
    this.talkspurt = false;
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + (this.clockRate * FRAME_MS) / 1000) >>> 0;
    this.lastFrameAt = Date.now();
    void sender.sendRtp(new RtpPacket(header, payload)).catch(() => this.clear());
  }
}
