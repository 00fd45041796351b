/** Chromium and Electron can route an element to a chosen output; some browsers cannot. */
export const canChooseSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/** Plays the element through the chosen output ('' is the system default); says why when it cannot. */
export async function routeToSpeaker(element: HTMLMediaElement, speakerId: string): Promise<string | undefined> {
  if (!canChooseSpeaker) return speakerId === '' ? undefined : 'This browser cannot choose a speaker; the system default plays.';
  if (element.sinkId === speakerId) return undefined;
  try {
    await element.setSinkId(speakerId);
    return undefined;
  } catch (error) {
    return `Could not play through the chosen speaker (${error instanceof Error ? error.message : String(error)}); the system default plays.`;
  }
}
