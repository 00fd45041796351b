/**
 * Images the user sends in a message (`input_image` content, the image as a data URL). Pure: the page reads
 * the file, this decides whether it may go and how the message carries it.
 */

/** The image types the Realtime API takes as `input_image`. */
export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

/** The largest image the message box takes, before any limit of the connection it goes over. */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;

/** How closely the model looks at the image; `auto` lets the API choose. */
export type ImageDetail = 'auto' | 'low' | 'high';

/** An image waiting in the message box, and then in the message that sends it. */
export interface OutgoingImage {
  readonly name: string;
  readonly mediaType: ImageMediaType;
  readonly bytes: number;
  readonly dataUrl: string;
}

const FILE_EXTENSIONS: Readonly<Record<ImageMediaType, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export function isImageMediaType(value: string): value is ImageMediaType {
  return (IMAGE_MEDIA_TYPES as readonly string[]).includes(value);
}

/** The file extension an image of this type is saved under. */
export function imageExtension(mediaType: ImageMediaType): string {
  return FILE_EXTENSIONS[mediaType];
}

/** The media type of an image saved under this name (by its extension, as `imageExtension` named it). */
export function imageMediaTypeOfFile(name: string): ImageMediaType {
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return IMAGE_MEDIA_TYPES.find((type) => FILE_EXTENSIONS[type] === extension) ?? 'image/png';
}

/** A size in words: `830 bytes`, `12.4 KB`, `3.1 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Why a picked or pasted file cannot be sent, in words for the person who picked it; undefined when it can.
 * `maxBytes` is the smaller of MAX_IMAGE_BYTES and what the connection carries in one message.
 */
export function refuseImage(file: { name: string; type: string; size: number }, maxBytes = MAX_IMAGE_BYTES): string | undefined {
  const name = file.name || 'The pasted image';
  if (!isImageMediaType(file.type)) return `${name} is ${file.type || 'of an unknown type'}: only PNG, JPEG, WebP and GIF images can be sent.`;
  if (file.size === 0) return `${name} is empty.`;
  if (file.size > maxBytes)
    return `${name} is ${formatBytes(file.size)}; the largest image that can be sent here is ${formatBytes(maxBytes)}. Send a smaller or more compressed image.`;
  return undefined;
}

/**
 * The largest image (in bytes) whose data URL fits in one message of `maxMessageBytes` (a WebRTC data channel's
 * limit), with room for the rest of the event: base64 takes 4 characters for every 3 bytes.
 */
export function imageBytesFitting(maxMessageBytes: number | undefined, textLength: number): number {
  if (maxMessageBytes === undefined || !Number.isFinite(maxMessageBytes) || maxMessageBytes <= 0) return MAX_IMAGE_BYTES;
  const room = maxMessageBytes - EVENT_OVERHEAD_BYTES - textLength * 4;
  return Math.max(0, Math.min(MAX_IMAGE_BYTES, Math.floor((room * 3) / 4)));
}

/** The event around the image: type, ids, the data URL's prefix, detail; generous so the limit is never crossed. */
const EVENT_OVERHEAD_BYTES = 1024;

/** What a data URL holds, or why it is not an image one: `data:<type>;base64,<data>`. */
export type ParsedImageUrl =
  | { readonly ok: true; readonly mediaType: ImageMediaType; readonly base64: string; readonly bytes: number }
  | { readonly ok: false; readonly reason: string };

const DATA_URL = /^data:([^;,]*);base64,([A-Za-z0-9+/]*={0,2})$/;

export function parseImageDataUrl(url: string): ParsedImageUrl {
  if (!url.startsWith('data:')) return { ok: false, reason: 'is not a data URL (data:image/png;base64,…)' };
  const match = DATA_URL.exec(url);
  if (!match) return { ok: false, reason: 'is not a base64 data URL (data:image/png;base64,…)' };
  const mediaType = match[1]!.toLowerCase();
  if (!isImageMediaType(mediaType))
    return { ok: false, reason: `has media type '${mediaType || '(none)'}'; supported are ${IMAGE_MEDIA_TYPES.join(', ')}` };
  const base64 = match[2]!;
  if (base64.length === 0 || base64.length % 4 !== 0) return { ok: false, reason: 'holds no whole base64 image data' };
  return { ok: true, mediaType, base64, bytes: base64Bytes(base64) };
}

/** The decoded size of base64 text, without decoding it. */
export function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/** A user message as the realtime SDK takes it: typed text first, then each image as `input_image`. */
export type UserMessageContent = (
  { type: 'input_text'; text: string } | { type: 'input_image'; image: string; providerData: { detail: ImageDetail } }
)[];

export function userMessageContent(text: string, images: readonly OutgoingImage[], detail: ImageDetail = 'auto'): UserMessageContent {
  return [
    ...(text === '' ? [] : [{ type: 'input_text' as const, text }]),
    ...images.map((image) => ({ type: 'input_image' as const, image: image.dataUrl, providerData: { detail } })),
  ];
}
