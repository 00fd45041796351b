import { z } from 'zod';
import { imageExtension, IMAGE_MEDIA_TYPES, parseImageDataUrl } from './imageInput';
import type { SessionEvent } from './sessionEvent';
import { logRefSchema } from './sessionLibrary';

/**
 * Images in a session log. A sent image travels as a data URL (`input_image` content's `image_url`) in the client's
 * `conversation.item.create` and the server's echoes of the item; the log never holds the data URL. Each distinct
 * image is written once beside the log, as `<log name>.images/<n>.<ext>`, and every `input_image` part in the log
 * names it instead:
 *
 *   {"type":"input_image","detail":"auto","image":{"file":"1.png","bytes":48213,"mediaType":"image/png"}}
 *
 * `file` is null when the setting "Keep sent images in session logs" (`logImages`) was off: the log then says
 * only that an image of that size and type was sent.
 */
export const loggedImageSchema = z.strictObject({
  file: z
    .string()
    .regex(/^\d+\.(png|jpg|webp|gif)$/)
    .nullable(),
  bytes: z.number().int().nonnegative(),
  mediaType: z.enum(IMAGE_MEDIA_TYPES),
});
export type LoggedImage = z.infer<typeof loggedImageSchema>;

/** The folder beside a log that holds its images: the log's file name without `.jsonl`, plus `.images`. */
export const IMAGES_FOLDER_SUFFIX = '.images';

/** An image to write beside the log: its file name in the images folder and its bytes as base64. */
export interface ImageFile {
  readonly name: string;
  readonly base64: string;
}

type Json = unknown;

/**
 * Takes the images out of one session's events as they go to the log, numbering each distinct image once
 * (the client's item and the server's echoes of it name the same file). Pure apart from its own count.
 */
export class LogImageExtractor {
  private readonly known = new Map<string, LoggedImage>();
  private count = 0;

  /** `keep` false: the log says an image was sent (size, type) but no file is written. */
  constructor(private readonly keep: boolean) {}

  /** The events with every image data URL replaced by its reference, and the new files to write beside the log. */
  extract(events: readonly SessionEvent[]): { events: SessionEvent[]; files: ImageFile[] } {
    const files: ImageFile[] = [];
    const out = events.map((event) =>
      holdsDataUrl(event.payload) ? { ...event, payload: this.visit(event.payload, files) as SessionEvent['payload'] } : event,
    );
    return { events: out, files };
  }

  private visit(value: Json, files: ImageFile[]): Json {
    if (typeof value === 'string') return value.startsWith('data:') ? this.strayUrl(value, files) : value;
    if (Array.isArray(value)) return value.map((item) => this.visit(item, files));
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, Json>;
    if (record['type'] === 'input_image' && typeof record['image_url'] === 'string') {
      const { image_url: url, ...rest } = record;
      const image = this.reference(url, files);
      return image ? { ...rest, image } : { ...rest, image_url: '[not an image data URL]' };
    }
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, this.visit(item, files)]));
  }

  /** A data URL outside an `input_image` part (the SDK's own copy of the message, say): it never reaches the log either. */
  private strayUrl(url: string, files: ImageFile[]): string {
    const image = this.reference(url, files);
    if (!image) return '[data URL left out]';
    return `[image ${image.file ?? 'left out'}, ${image.bytes} bytes, ${image.mediaType}]`;
  }

  private reference(url: string, files: ImageFile[]): LoggedImage | undefined {
    const known = this.known.get(url);
    if (known) return known;
    const parsed = parseImageDataUrl(url);
    if (!parsed.ok) return undefined;
    this.count += 1;
    const file = this.keep ? `${this.count}.${imageExtension(parsed.mediaType)}` : null;
    const image: LoggedImage = { file, bytes: parsed.bytes, mediaType: parsed.mediaType };
    this.known.set(url, image);
    if (file) files.push({ name: file, base64: parsed.base64 });
    return image;
  }
}

/** Whether a value holds a data URL anywhere; most events (audio deltas above all) do not, and are passed on untouched. */
function holdsDataUrl(value: Json): boolean {
  if (typeof value === 'string') return value.startsWith('data:');
  if (Array.isArray(value)) return value.some(holdsDataUrl);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, Json>).some(holdsDataUrl);
}

/** Replay asks main for an image beside a log by the file name the log gives (the page cannot read files). */
export const imageReadSchema = z.strictObject({ log: logRefSchema, file: loggedImageSchema.shape.file.unwrap() });

/** The image as a data URL for a thumbnail, or why there is none, in words for the person replaying. */
export const imageReadResultSchema = z.object({ dataUrl: z.string().nullable(), problem: z.string().nullable() });
export type ImageReadResult = z.infer<typeof imageReadResultSchema>;
