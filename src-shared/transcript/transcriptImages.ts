import { formatBytes, parseImageDataUrl } from '../imageInput';
import { loggedImageSchema } from '../sessionLogImages';

/**
 * An image the user sent, as the transcript shows it: live, from the data URL the message carried; replayed,
 * from the file the log names beside it (`file` null when the log left images out).
 */
export type TranscriptImage =
  | { readonly source: 'inline'; readonly dataUrl: string; readonly bytes: number; readonly mediaType: string }
  | { readonly source: 'file'; readonly file: string; readonly bytes: number; readonly mediaType: string }
  | { readonly source: 'left-out'; readonly bytes: number; readonly mediaType: string };

/** The `input_image` parts of a user item's content, in order; empty when it has none. */
export function imagesOfContent(content: readonly Record<string, unknown>[] | undefined): TranscriptImage[] {
  const images: TranscriptImage[] = [];
  for (const part of content ?? []) {
    if (part['type'] !== 'input_image') continue;
    const url = part['image_url'];
    if (typeof url === 'string') {
      const parsed = parseImageDataUrl(url);
      images.push(parsed.ok ? { source: 'inline', dataUrl: url, bytes: parsed.bytes, mediaType: parsed.mediaType } : unreadable());
      continue;
    }
    const logged = loggedImageSchema.safeParse(part['image']);
    if (!logged.success) images.push(unreadable());
    else if (logged.data.file === null) images.push({ source: 'left-out', bytes: logged.data.bytes, mediaType: logged.data.mediaType });
    else images.push({ source: 'file', file: logged.data.file, bytes: logged.data.bytes, mediaType: logged.data.mediaType });
  }
  return images;
}

/** A part the stream named as an image without a usable one (a remote URL, a damaged log line). */
function unreadable(): TranscriptImage {
  return { source: 'left-out', bytes: 0, mediaType: 'unknown' };
}

/** An image in words, for text exports and alt text: `image (PNG, 12.4 KB)`. */
export function describeImage(image: TranscriptImage): string {
  if (image.mediaType === 'unknown') return 'image (not readable)';
  const kind = image.mediaType.replace(/^image\//, '').toUpperCase();
  return `image (${kind}, ${formatBytes(image.bytes)})`;
}
