/** The quietest level the meters show; anything below reads as 0. */
const FLOOR_DB = -60;

/** A block of samples as a meter reading: RMS in dBFS mapped from -60…0 dB onto 0…100. */
export function meterLevel(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  if (rms === 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.round(Math.min(100, Math.max(0, ((db - FLOOR_DB) / -FLOOR_DB) * 100)));
}
