import { describe, expect, it } from 'vitest';
import { ClientEventError, type ConversationItemInput } from '../../../e2e/fake-openai/clientEvents';
import { checkImageParts } from '../../../e2e/fake-openai/imageContent';

const PNG = `data:image/png;base64,${Buffer.from('png').toString('base64')}`;

function message(role: 'user' | 'assistant', part: Record<string, unknown>): ConversationItemInput {
  return {
    type: 'message',
    role,
    content: [
      { type: 'input_text', text: 'Look' },
      { type: 'input_image', ...part },
    ],
  };
}

function refusal(item: ConversationItemInput): Pick<ClientEventError, 'code' | 'param' | 'message' | 'clientEventId'> {
  try {
    checkImageParts(item, 'evt_1');
  } catch (error) {
    if (error instanceof ClientEventError)
      return { code: error.code, param: error.param, message: error.message, clientEventId: error.clientEventId };
    throw error;
  }
  throw new Error('the item was taken');
}

describe("the fake's checks of input_image", () => {
  it('take a user message whose image is a base64 data URL of a supported type, with or without detail', () => {
    expect(() => checkImageParts(message('user', { image_url: PNG }), undefined)).not.toThrow();
    expect(() => checkImageParts(message('user', { image_url: PNG.replace('png', 'webp'), detail: 'high' }), undefined)).not.toThrow();
  });

  it('refuse an image outside a user message, or one without image_url, naming the part', () => {
    expect(refusal(message('assistant', { image_url: PNG }))).toMatchObject({
      code: 'invalid_value',
      param: 'item.content[1].type',
      clientEventId: 'evt_1',
    });
    expect(refusal(message('user', {}))).toMatchObject({
      code: 'missing_required_parameter',
      param: 'item.content[1].image_url',
      message: "Missing required parameter: 'item.content[1].image_url'.",
    });
  });

  it('refuse empty image data', () => {
    expect(refusal(message('user', { image_url: 'data:image/png;base64,' }))).toMatchObject({
      code: 'invalid_value',
      param: 'item.content[1].image_url',
    });
  });
});
