import { useEffect, useState } from 'react';
import { requireApi } from '../../state/hostStore';
import { useShownSessionStore } from '../../state/shownSessionStore';
import type { ReplayController } from '../../engine/replay/replayController';
import type { LogRef } from '../../../../src-shared/sessionLibrary';
import type { ImageReadResult } from '../../../../src-shared/sessionLogImages';
import { describeImage, type TranscriptImage } from '../../../../src-shared/transcript/transcriptImages';

/** Images read from beside a replayed log, per replay: rows scrolled away and back do not ask again, a new replay does. */
const readImages = new WeakMap<ReplayController, Map<string, Promise<ImageReadResult>>>();

function readImage(replay: ReplayController, ref: LogRef, file: string): Promise<ImageReadResult> {
  const known = readImages.get(replay) ?? new Map<string, Promise<ImageReadResult>>();
  readImages.set(replay, known);
  let read = known.get(file);
  if (!read) {
    read = requireApi()
      .sessions.image({ log: ref, file })
      .catch((error: unknown) => ({
        dataUrl: null,
        problem: `The image ${file} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      }));
    known.set(file, read);
  }
  return read;
}

function Thumbnail({ src, image }: { src: string; image: TranscriptImage }) {
  return (
    <figure className="message-image">
      <img src={src} alt={`Sent ${describeImage(image)}`} />
      <figcaption>{describeImage(image)}</figcaption>
    </figure>
  );
}

function Missing({ children }: { children: string }) {
  return <p className="message-image-missing">{children}</p>;
}

/** A replayed image: read from the `.images` folder beside the log through main, or why it is not there. */
function FileImage({ image }: { image: Extract<TranscriptImage, { source: 'file' }> }) {
  const replay = useShownSessionStore((state) => (state.shown.kind === 'replay' ? state.shown.replay : undefined));
  const ref = replay?.ref;
  const [result, setResult] = useState<ImageReadResult | undefined>(undefined);
  useEffect(() => {
    if (!replay || !ref) return;
    let current = true;
    void readImage(replay, ref, image.file).then((read) => {
      if (current) setResult(read);
    });
    return () => {
      current = false;
    };
  }, [replay, ref, image.file]);
  if (!ref)
    return (
      <Missing>{`Sent ${describeImage(image)}: saved as ${image.file} beside the log; open the log from the Sessions panel to see it.`}</Missing>
    );
  if (!result) return <Missing>{`Loading ${describeImage(image)}…`}</Missing>;
  if (result.dataUrl === null) return <Missing>{`Sent ${describeImage(image)}, not shown: ${result.problem ?? 'unknown reason'}`}</Missing>;
  return <Thumbnail src={result.dataUrl} image={image} />;
}

/** The images a user message carried: thumbnails live and in replays, plain words when a log left them out. */
export function MessageImages({ images }: { images: readonly TranscriptImage[] | undefined }) {
  if (!images || images.length === 0) return null;
  return (
    <div className="message-images">
      {images.map((image, index) => {
        const key = `${index}`;
        if (image.source === 'inline') return <Thumbnail key={key} src={image.dataUrl} image={image} />;
        if (image.source === 'file') return <FileImage key={key} image={image} />;
        return (
          <Missing key={key}>
            {image.mediaType === 'unknown'
              ? 'Sent an image this transcript cannot show (not a data URL the log can read).'
              : `Sent ${describeImage(image)}, not kept in the log (“Keep sent images in session logs” was off).`}
          </Missing>
        );
      })}
    </div>
  );
}
