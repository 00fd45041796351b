import { create } from 'zustand';
import type { RelatedTo } from '../inspector/eventFilter';

/**
 * Jumps between the transcript and the inspector: "show this entry's events" narrows the inspector to
 * one item or call; "show in transcript" scrolls the transcript to an entry. Each request carries a
 * number so asking twice for the same thing still moves the view.
 */
interface InspectorLinks {
  readonly related: RelatedTo | undefined;
  readonly transcriptTarget: { readonly id: string; readonly request: number } | undefined;
}

export const useInspectorLinks = create<InspectorLinks>(() => ({ related: undefined, transcriptTarget: undefined }));

let requests = 0;

export function showEventsOf(related: RelatedTo | undefined): void {
  useInspectorLinks.setState({ related });
}

export function showInTranscript(id: string): void {
  requests += 1;
  useInspectorLinks.setState({ transcriptTarget: { id, request: requests } });
}
