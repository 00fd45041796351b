import type { ConversationItem } from 'openai/resources/realtime/realtime';
import { ClientEventError, type ConversationItemInput } from './clientEvents';

/** The image types the Realtime API takes as `input_image`. */
const SUPPORTED_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
/** The largest image the fake takes; beyond it the event is refused as the real API refuses an oversized image. */
export const MAX_INPUT_IMAGE_BYTES = 20 * 1024 * 1024;
const DETAILS = ['auto', 'low', 'high'];
const DATA_URL = /^data:([^;,]+);base64,([A-Za-z0-9+/]+={0,2})$/;

/**
 * Checks the `input_image` parts of a user message as the real API does: the image a base64 data URL of a
 * supported type, not empty or oversized, and `detail` (when given) auto, low or high. A fault is the realtime
 * `error` event's shape (code, message, param naming the part), never a crash.
 */
export function checkImageParts(item: ConversationItemInput, clientEventId: string | undefined): void {
  if (item.type !== 'message') return;
  item.content.forEach((part, index) => {
    if (part.type !== 'input_image') return;
    const param = `item.content[${index}].image_url`;
    const refuse = (code: string, message: string, at = param): never => {
      throw new ClientEventError(code, message, at, clientEventId ?? null);
    };
    if (item.role !== 'user')
      refuse('invalid_value', `Invalid value: 'input_image'. Images are only supported in user messages.`, `item.content[${index}].type`);
    const url = part['image_url'];
    if (typeof url !== 'string') refuse('missing_required_parameter', `Missing required parameter: '${param}'.`);
    const match = DATA_URL.exec(url as string);
    if (!match)
      refuse(
        'invalid_value',
        `Invalid '${param}'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got a value that is not one.`,
      );
    const [, mediaType, base64] = match!;
    if (!SUPPORTED_TYPES.includes(mediaType!.toLowerCase()))
      refuse(
        'invalid_value',
        `Invalid '${param}'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got unsupported MIME type '${mediaType}'.`,
      );
    const bytes = Buffer.from(base64!, 'base64');
    if (bytes.length === 0) refuse('invalid_value', `Invalid '${param}'. The image data is empty.`);
    if (bytes.length > MAX_INPUT_IMAGE_BYTES)
      refuse('invalid_value', `Invalid '${param}'. Image is too large: ${bytes.length} bytes exceeds the maximum of ${MAX_INPUT_IMAGE_BYTES} bytes.`);
    const detail = part['detail'];
    if (detail !== undefined && !DETAILS.includes(detail as string))
      refuse(
        'invalid_value',
        `Invalid value: '${String(detail)}'. Supported values are: 'auto', 'low', and 'high'.`,
        `item.content[${index}].detail`,
      );
  });
}

/** Whether a user message carries an image (a script rule may answer to one with `userSentImage`). */
export function hasImage(item: ConversationItem): boolean {
  return item.type === 'message' && item.role === 'user' && item.content.some((part) => part.type === 'input_image');
}
