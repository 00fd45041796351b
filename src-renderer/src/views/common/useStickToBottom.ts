import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

const NEAR_BOTTOM_PX = 40;

/**
 * A ref for a scroll container that stays pinned to its newest content while the user is at the
 * bottom, and is left alone once they scroll up to read something older.
 */
export function useStickToBottom<T extends HTMLElement>(content: unknown): RefObject<T | null> {
  const container = useRef<T>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const onScroll = () => {
      pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    // Virtualised rows are measured after they render, which grows the content without a scroll event.
    const resized = new ResizeObserver(() => {
      if (pinned.current) element.scrollTo({ top: element.scrollHeight });
    });
    for (const child of Array.from(element.children)) resized.observe(child);
    return () => {
      element.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, []);
  useLayoutEffect(() => {
    if (pinned.current) container.current?.scrollTo({ top: container.current.scrollHeight });
  }, [content]);
  return container;
}
