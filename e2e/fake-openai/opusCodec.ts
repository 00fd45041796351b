import OpusScript from 'opusscript';

/** 20 ms at 48 kHz: the frame WebRTC audio uses. */
export const OPUS_FRAME_SAMPLES = 960;

/** Opus at 48 kHz mono, for the WebRTC audio track: encodes assistant speech and decodes the microphone. */
export class OpusCodec {
  private readonly encoder = new OpusScript(48_000, 1, OpusScript.Application.VOIP);
  private readonly decoder = new OpusScript(48_000, 1, OpusScript.Application.VOIP);

  /** One 20 ms frame (960 samples) to one Opus packet. */
  encode(frame: Int16Array): Buffer {
    return this.encoder.encode(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), OPUS_FRAME_SAMPLES);
  }

  decode(packet: Buffer): Int16Array {
    const pcm = this.decoder.decode(packet);
    return new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
  }

  delete(): void {
    this.encoder.delete();
    this.decoder.delete();
  }
}
