/**
 * The session's stereo recording as a file: a canonical 44-byte RIFF/WAVE header (PCM, 16-bit,
 * little-endian) followed by interleaved frames, microphone left and assistant right.
 */
export const SESSION_AUDIO_SAMPLE_RATE = 24_000;
export const SESSION_AUDIO_CHANNELS = 2;
/** One stereo frame of 16-bit samples. */
export const BYTES_PER_FRAME = SESSION_AUDIO_CHANNELS * 2;
export const WAV_HEADER_BYTES = 44;
/** Where the two size fields sit, patched as the data grows. */
export const RIFF_SIZE_OFFSET = 4;
export const DATA_SIZE_OFFSET = 40;
/** A WAV's sizes are 32-bit: the data can grow to this many bytes (about 12 hours at 24 kHz stereo). */
export const MAX_WAV_DATA_BYTES = 0xffff_ffff - (WAV_HEADER_BYTES - 8);

/** The header of a WAV holding `dataBytes` of 16-bit PCM. */
export function wavHeader(dataBytes: number, sampleRate = SESSION_AUDIO_SAMPLE_RATE, channels = SESSION_AUDIO_CHANNELS): Uint8Array {
  const bytes = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let index = 0; index < text.length; index += 1) view.setUint8(offset + index, text.charCodeAt(index));
  };
  const blockAlign = channels * 2;
  ascii(0, 'RIFF');
  view.setUint32(RIFF_SIZE_OFFSET, WAV_HEADER_BYTES - 8 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(DATA_SIZE_OFFSET, dataBytes, true);
  return bytes;
}

/** The two size fields for `dataBytes` of data, as written at RIFF_SIZE_OFFSET and DATA_SIZE_OFFSET. */
export function wavSizeFields(dataBytes: number): { riff: Uint8Array; data: Uint8Array } {
  const field = (value: number): Uint8Array => {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value, true);
    return bytes;
  };
  return { riff: field(WAV_HEADER_BYTES - 8 + dataBytes), data: field(dataBytes) };
}

export interface WavLayout {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
  /** Where the samples start in the file. */
  readonly dataOffset: number;
  /** The data size the header declares (may be more than the file holds, for a file still being written). */
  readonly dataBytes: number;
}

/** Why a file's start is not a WAV this app can read, in words; undefined when it is one. */
export type WavProblem = string;

/**
 * Reads the header of a 16-bit PCM WAV from the file's first bytes (any chunk order, any extra chunks
 * before `data`). Returns a problem in words instead of throwing: a file from elsewhere may be anything.
 */
export function parseWavHeader(bytes: Uint8Array): WavLayout | WavProblem {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number): string => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return 'is not a WAV file (no RIFF/WAVE header)';
  let offset = 12;
  let format: { sampleRate: number; channels: number; bitsPerSample: number; code: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 24 <= bytes.length) {
      format = {
        code: view.getUint16(offset + 8, true),
        channels: view.getUint16(offset + 10, true),
        sampleRate: view.getUint32(offset + 12, true),
        bitsPerSample: view.getUint16(offset + 22, true),
      };
    } else if (id === 'data') {
      if (!format) return 'has its data before its format chunk';
      if (format.code !== 1 && format.code !== 0xfffe) return `holds audio in format ${format.code}, not PCM`;
      if (format.bitsPerSample !== 16) return `holds ${format.bitsPerSample}-bit samples, not 16-bit`;
      return { sampleRate: format.sampleRate, channels: format.channels, bitsPerSample: 16, dataOffset: offset + 8, dataBytes: size };
    }
    offset += 8 + size + (size % 2);
  }
  return 'has no data chunk in its first bytes';
}
