import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../../e2e/fake-openai/server';
import { IMAGE_TOKENS } from '../../../e2e/fake-openai/realtimeUsage';
import { RawRealtimeClient } from './rawRealtime';

const PNG = `data:image/png;base64,${Buffer.from('pretend png bytes').toString('base64')}`;
const ANSWER = 'That is a picture.';

let fake: FakeOpenAI;
let client: RawRealtimeClient;

beforeEach(async () => {
  fake = await startFakeOpenAI({
    speech: 'tone',
    script: { realtime: [{ name: 'answers a picture', userSentImage: true, say: ANSWER }], fallbackSay: 'No picture.' },
  });
  client = await RawRealtimeClient.open(`${fake.baseUrl.replace('http', 'ws')}/v1/realtime?model=gpt-realtime`, {
    headers: { Authorization: 'Bearer sk-test' },
  });
});
afterEach(async () => {
  client.close();
  await fake.close();
});

function sendImage(imageUrl: unknown, extra: Record<string, unknown> = {}, eventId = 'evt_image'): void {
  client.send({
    type: 'conversation.item.create',
    event_id: eventId,
    item: {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'Look' },
        { type: 'input_image', image_url: imageUrl, ...extra },
      ],
    },
  });
}

describe('input_image in the fake realtime API', () => {
  it('takes a user message with an image, echoes it, answers the script rule for images and bills image tokens', async () => {
    sendImage(PNG, { detail: 'low' });
    const done = await client.next('conversation.item.done');
    expect(done.item).toMatchObject({ role: 'user', content: [{ type: 'input_text' }, { type: 'input_image', image_url: PNG, detail: 'low' }] });
    client.send({ type: 'response.create' });
    const response = await client.next('response.done');
    expect(client.ofType('response.output_audio_transcript.done').map((event) => event.transcript)).toEqual([ANSWER]);
    expect(response.response.usage?.input_token_details).toMatchObject({ image_tokens: IMAGE_TOKENS });
    // The data URL is the image, not text the model reads.
    expect(response.response.usage?.input_token_details?.text_tokens).toBeLessThan(200);
  });

  it('answers a text-only message with the rule for text, not the one for images', async () => {
    client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] } });
    await client.next('conversation.item.done');
    client.send({ type: 'response.create' });
    await client.next('response.done');
    expect(client.ofType('response.output_audio_transcript.done').map((event) => event.transcript)).toEqual(['No picture.']);
  });

  it('refuses an image that is no data URL, of an unsupported type, or with a bad detail, naming the part as the real API does', async () => {
    sendImage('https://example.com/cat.png', {}, 'evt_1');
    sendImage(`data:image/bmp;base64,${Buffer.from('bmp').toString('base64')}`, {}, 'evt_2');
    sendImage(PNG, { detail: 'ultra' }, 'evt_3');
    await client.next('error', 3);
    expect(client.ofType('error').map((event) => event.error)).toEqual([
      expect.objectContaining({ type: 'invalid_request_error', code: 'invalid_value', param: 'item.content[1].image_url', event_id: 'evt_1' }),
      expect.objectContaining({
        code: 'invalid_value',
        param: 'item.content[1].image_url',
        message: expect.stringContaining("unsupported MIME type 'image/bmp'"),
      }),
      expect.objectContaining({ code: 'invalid_value', param: 'item.content[1].detail', event_id: 'evt_3' }),
    ]);
    expect(client.ofType('conversation.item.done')).toEqual([]);
  });

  it('refuses an oversized image with the sizes in the message', async () => {
    sendImage(`data:image/png;base64,${Buffer.alloc(21 * 1024 * 1024).toString('base64')}`);
    const error = await client.next('error', 1, 20_000);
    expect(error.error).toMatchObject({
      code: 'invalid_value',
      param: 'item.content[1].image_url',
      message: expect.stringMatching(/Image is too large: 22020096 bytes exceeds the maximum of 20971520 bytes/),
    });
  });
});
