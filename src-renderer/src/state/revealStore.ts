import { create } from 'zustand';
import type { RelatedTo } from '../engine/events/eventFilter';

/**
 * Jumps between the transcript and the inspector: "show this entry's events" narrows the inspector to
 * one item or call; "show in transcript" scrolls the transcript to an entry. Each request carries a
 * number so asking twice for the same thing still moves the view.
 */
interface RevealRequests {
  readonly related: RelatedTo | undefined;
  readonly transcriptTarget: { readonly id: string; readonly request: number } | undefined;
}

export const useRevealStore = create<RevealRequests>(() => ({ related: undefined, transcriptTarget: undefined }));

export function showEventsOf(related: RelatedTo | undefined): void {
  useRevealStore.setState({ related });
}

export function showInTranscript(id: string): void {
  useRevealStore.setState((state) => ({ transcriptTarget: { id, request: (state.transcriptTarget?.request ?? 0) + 1 } }));
}
