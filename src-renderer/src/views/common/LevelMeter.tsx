import { useEffect, useRef } from 'react';
import type { LevelSource } from '../../engine/live/liveSession';
import { useLevelStore } from '../../state/levelStore';
import { meterLevel } from './levelScale';

/** Readings per second are the display's frame rate; the falling edge decays so a meter does not flicker. */
const DECAY_PER_FRAME = 3;

/**
 * A level meter over a live stream. Web Audio analyses the stream and each animation frame writes the
 * level straight into the element (a CSS variable and aria-valuenow), so no audio passes through React.
 */
export function LevelMeter({ source, label }: { source: LevelSource; label: string }) {
  const stream = useLevelStore((streams) => streams[source]);
  const meter = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = meter.current;
    if (!element) return;
    const show = (level: number) => {
      element.style.setProperty('--level', `${level}%`);
      element.setAttribute('aria-valuenow', String(level));
    };
    show(0);
    if (!stream || stream.getAudioTracks().length === 0) return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    const input = context.createMediaStreamSource(stream);
    input.connect(analyser);
    void context.resume();
    const samples = new Float32Array(analyser.fftSize);
    let shown = 0;
    let frame = requestAnimationFrame(function draw() {
      analyser.getFloatTimeDomainData(samples);
      const level = Math.max(meterLevel(samples), shown - DECAY_PER_FRAME, 0);
      if (level !== shown) show((shown = level));
      frame = requestAnimationFrame(draw);
    });
    return () => {
      cancelAnimationFrame(frame);
      input.disconnect();
      void context.close();
      show(0);
    };
  }, [stream]);

  return (
    <div
      ref={meter}
      className="level-meter"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={0}
      data-live={stream ? 'true' : 'false'}
      title={label}
    >
      <div className="level-meter-fill" />
    </div>
  );
}

/** The microphone and assistant meters for the session toolbar. */
export function LevelMeters() {
  return (
    <span className="level-meters">
      {/* Visible short names; the meters carry their full names for assistive technology. */}
      <span className="field-label" aria-hidden="true">
        Mic
      </span>
      <LevelMeter source="microphone" label="Microphone level" />
      <span className="field-label" aria-hidden="true">
        Assistant
      </span>
      <LevelMeter source="assistant" label="Assistant level" />
    </span>
  );
}
