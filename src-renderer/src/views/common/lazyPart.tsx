import { lazy, Suspense, type ComponentType, type FunctionComponent } from 'react';

/**
 * A part whose library is too big for the first chunk (CodeMirror, ECharts, xyflow, wavesurfer): its module is
 * fetched the first time the part is shown, and until then the part says in words what is loading. A build with
 * WORKBENCH_EAGER_PARTS set (the startup bench's baseline) starts every load at once, as static imports did.
 */
export function lazyPart<Props extends object>(load: () => Promise<ComponentType<Props>>, loading: string): FunctionComponent<Props> {
  const started = __WORKBENCH_EAGER_PARTS__ ? load() : undefined;
  const Part = lazy(async () => ({ default: await (started ?? load()) }));
  function LazyPart(props: Props) {
    return (
      <Suspense
        fallback={
          <p className="empty-state" role="status">
            {loading}
          </p>
        }
      >
        <Part {...props} />
      </Suspense>
    );
  }
  return LazyPart;
}
