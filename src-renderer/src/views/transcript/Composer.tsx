import { useRef, useState, type ClipboardEvent, type DragEvent, type FormEvent } from 'react';
import { imageLimit, sendText } from '../../state/liveActions';
import { useLiveStream, useShownSessionStore } from '../../state/shownSessionStore';
import { formatBytes, IMAGE_MEDIA_TYPES, refuseImage, type ImageMediaType, type OutgoingImage } from '../../../../src-shared/imageInput';

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

function kindOf(mediaType: string): string {
  return mediaType.replace(/^image\//, '').toUpperCase();
}

/** The images waiting to go with the next message, each with its thumbnail and a button to take it out. */
function PendingImages({ images, remove }: { images: readonly OutgoingImage[]; remove: (image: OutgoingImage) => void }) {
  if (images.length === 0) return null;
  return (
    <ul className="composer-images" aria-label="Images to send">
      {images.map((image) => (
        <li key={image.dataUrl} className="composer-image">
          <img src={image.dataUrl} alt={`Image to send: ${image.name} (${kindOf(image.mediaType)}, ${formatBytes(image.bytes)})`} />
          <span className="composer-image-size">{formatBytes(image.bytes)}</span>
          <button
            type="button"
            className="button button-small composer-image-remove"
            aria-label={`Remove image ${image.name}`}
            title={`Remove ${image.name}`}
            onClick={() => remove(image)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The message box: type and press Enter; paste, drop or attach an image to send it with the text as one message
 * (`input_image`). A refused image is said in words and the typed text stays.
 */
export function Composer() {
  const [text, setText] = useState('');
  const [images, setImages] = useState<readonly OutgoingImage[]>([]);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const connected = useLiveStream((state) => state.status.phase.status === 'connected');
  const showingLive = useShownSessionStore((state) => state.shown.kind !== 'replay');
  const usable = connected && showingLive;

  async function attach(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    if (!usable) {
      setRefusal(showingLive ? 'Connect first to send an image.' : 'This is a replay: go back to the live session to send an image.');
      return;
    }
    const taken: OutgoingImage[] = [];
    const refused: string[] = [];
    for (const file of files) {
      const problem = refuseImage(file, imageLimit(text.length));
      if (problem) {
        refused.push(problem);
        continue;
      }
      try {
        taken.push({ name: file.name || 'pasted image', mediaType: file.type as ImageMediaType, bytes: file.size, dataUrl: await readDataUrl(file) });
      } catch {
        refused.push(`${file.name || 'The pasted image'} could not be read.`);
      }
    }
    setImages((current) => [...current, ...taken.filter((image) => !current.some((other) => other.dataUrl === image.dataUrl))]);
    setRefusal(refused.length > 0 ? refused.join(' ') : undefined);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const total = images.reduce((sum, image) => sum + image.bytes, 0);
    const limit = imageLimit(text.length);
    if (images.length > 0 && total > limit) {
      // The text and the images stay: the user decides which image to take out.
      setRefusal(
        `These images come to ${formatBytes(total)}; this connection carries at most ${formatBytes(limit)} of images in one message. Remove one, or send a smaller image.`,
      );
      return;
    }
    sendText(text, images);
    setText('');
    setImages([]);
    setRefusal(undefined);
  }

  function paste(event: ClipboardEvent<HTMLInputElement>) {
    const files = Array.from(event.clipboardData.files);
    if (files.length === 0) return;
    // A pasted picture comes as a file; text copied with it (its name, say) is not what the user meant to type.
    event.preventDefault();
    void attach(files);
  }

  function carriesFiles(event: DragEvent): boolean {
    return event.dataTransfer.types.includes('Files');
  }

  function drop(event: DragEvent<HTMLFormElement>) {
    if (!carriesFiles(event)) return;
    // An image dropped here goes with the message; the window would otherwise open it as a log to replay.
    event.preventDefault();
    event.stopPropagation();
    setDragging(false);
    void attach(Array.from(event.dataTransfer.files));
  }

  return (
    <form
      className={dragging ? 'composer composer-dragging' : 'composer'}
      onSubmit={submit}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
      aria-label="Message box"
    >
      <PendingImages images={images} remove={(image) => setImages((current) => current.filter((other) => other !== image))} />
      {refusal && (
        <p className="composer-refusal" role="alert">
          {refusal}
        </p>
      )}
      <div className="composer-row">
        <input
          className="input composer-input"
          aria-label="Message"
          placeholder={
            !showingLive
              ? 'This is a replay: go back to the live session to type'
              : connected
                ? 'Type a message and press Enter; paste or drop an image to send it'
                : 'Connect to send messages'
          }
          value={text}
          disabled={!usable}
          onChange={(event) => setText(event.target.value)}
          onPaste={paste}
        />
        <input
          ref={picker}
          type="file"
          className="composer-file"
          accept={IMAGE_MEDIA_TYPES.join(',')}
          multiple
          aria-label="Image file to attach"
          tabIndex={-1}
          disabled={!usable}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            void attach(files);
          }}
        />
        <button
          type="button"
          className="button"
          disabled={!usable}
          onClick={() => picker.current?.click()}
          title="Attach a PNG, JPEG, WebP or GIF image"
        >
          Attach image…
        </button>
        <button type="submit" className="button button-primary" disabled={!usable || (text.trim() === '' && images.length === 0)}>
          Send
        </button>
      </div>
    </form>
  );
}
