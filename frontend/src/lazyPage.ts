import { lazy, useSyncExternalStore, type ComponentType } from 'react';
import { loadNamespace, type Namespace } from './i18n';

/** A screen whose code (and strings) load on first use; `preload` starts that early and may be called often. */
export type LazyPage = ComponentType & { preload: () => Promise<unknown> };

let pending = 0;
const listeners = new Set<() => void>();

// Loads start during a render (React.lazy, route preloading): the news reaches subscribers after it.
function changePending(delta: number) {
  pending += delta;
  void Promise.resolve().then(() => listeners.forEach((listener) => listener()));
}

/**
 * A lazily loaded screen: its module, with its CSS (Vite emits a lazy module's CSS with its chunk), and the
 * namespace of strings it needs, both before it first renders.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, strings?: Namespace): LazyPage {
  let loading: Promise<{ default: ComponentType }> | null = null;
  const preload = () => {
    if (!loading) {
      changePending(1);
      loading = Promise.all([load(), strings ? loadNamespace(strings) : null])
        .then(([module]) => module)
        .catch((error: unknown) => {
          // A later attempt asks again (React.lazy itself keeps the failure: the error boundary offers a reload).
          loading = null;
          throw error;
        })
        .finally(() => changePending(-1));
    }
    return loading;
  };
  return Object.assign(lazy(preload), { preload });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether a screen's code is on its way. */
export function usePageLoading(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => pending > 0,
    () => false,
  );
}
