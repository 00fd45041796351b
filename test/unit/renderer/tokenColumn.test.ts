import { describe, expect, it } from 'vitest';
import { tokenColumn } from '../../../src-renderer/src/views/metrics/tokenColumn';
import { noTokens } from '../../../src-shared/tokenCounts';

describe('the Metrics panel’s token column', () => {
  it('sums input and output, with cached and audio parts', () => {
    expect(
      tokenColumn({ ...noTokens, textInput: 850, cachedTextInput: 200, audioInput: 400, cachedAudioInput: 100, textOutput: 310, audioOutput: 700 }),
    ).toBe('in 1250 (+300 cached) · out 1010 (700 audio)');
  });

  it('counts image tokens in the input and says how many there were', () => {
    expect(tokenColumn({ ...noTokens, textInput: 100, imageInput: 30, cachedImageInput: 10, textOutput: 5 })).toBe(
      'in 130 (+10 cached, 40 image) · out 5',
    );
  });

  it('says how many tokens are of unknown kind, alone or beside known ones', () => {
    expect(tokenColumn({ ...noTokens, unknownInput: 72, unknownOutput: 79 })).toBe('in 72 of unknown kind · out 79 of unknown kind');
    expect(tokenColumn({ ...noTokens, textInput: 60, unknownInput: 40, textOutput: 3 })).toBe('in 60 + 40 of unknown kind · out 3');
  });

  it('shows no tokens as zeros', () => {
    expect(tokenColumn(noTokens)).toBe('in 0 · out 0');
  });
});
