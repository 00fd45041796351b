/** How often the connection's round-trip time is sampled into the stream. */
export const RTT_SAMPLE_MS = 2_000;

/**
 * Samples the WebRTC connection's round-trip time (the selected candidate pair's `currentRoundTripTime`)
 * every couple of seconds and reports it in whole ms, only when it changed. Returns the function that stops it.
 */
export function sampleRoundTrip(peerConnection: RTCPeerConnection, report: (rttMs: number) => void, everyMs = RTT_SAMPLE_MS): () => void {
  let last: number | undefined;
  const timer = setInterval(() => {
    if (peerConnection.connectionState === 'closed') return;
    void peerConnection.getStats().then(
      (stats) => {
        for (const entry of stats.values() as IterableIterator<{
          type: string;
          nominated?: boolean;
          state?: string;
          currentRoundTripTime?: number;
        }>) {
          if (entry.type !== 'candidate-pair' || entry.state !== 'succeeded' || !entry.nominated || entry.currentRoundTripTime === undefined)
            continue;
          // Whole milliseconds: finer changes are noise, and each change is an event in the log.
          const rttMs = Math.round(entry.currentRoundTripTime * 1000);
          if (rttMs !== last) report(rttMs);
          last = rttMs;
          return;
        }
      },
      () => undefined,
    );
  }, everyMs);
  return () => clearInterval(timer);
}
