import type { TokenCounts } from '../../../../src-shared/tokenCounts';

/** One direction's count: the tokens of known kind, then those the usage gave only as a total. */
function amount(known: number, unknown: number): string {
  if (unknown === 0) return String(known);
  return known === 0 ? `${unknown} of unknown kind` : `${known} + ${unknown} of unknown kind`;
}

/** The Metrics panel's token column: `in 1250 (+300 cached, 40 image) · out 1010 (700 audio)`. */
export function tokenColumn(counts: TokenCounts): string {
  const cached = counts.cachedTextInput + counts.cachedAudioInput + counts.cachedImageInput;
  const image = counts.imageInput + counts.cachedImageInput;
  const inputNotes = [...(cached > 0 ? [`+${cached} cached`] : []), ...(image > 0 ? [`${image} image`] : [])];
  const input = `in ${amount(counts.textInput + counts.audioInput + counts.imageInput, counts.unknownInput)}`;
  const output = `out ${amount(counts.textOutput + counts.audioOutput, counts.unknownOutput)}`;
  return `${input}${inputNotes.length > 0 ? ` (${inputNotes.join(', ')})` : ''} · ${output}${counts.audioOutput > 0 ? ` (${counts.audioOutput} audio)` : ''}`;
}
