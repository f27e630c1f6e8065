/**
 * React access to a ViewerStore: a context for components deep in the graph (node and edge
 * components only get `data` from React Flow), a selector hook, and a hook that connects a
 * store to a source.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ViewerSource } from '@aslkit/core/debug';
import { ViewerStore, type ViewerState } from './viewer-store.js';

/** The store the viewer's components read from. */
export const ViewerStoreContext = createContext<ViewerStore | null>(null);

/** The store from context; throws when a component is used outside one. */
export function useViewerStore(explicit?: ViewerStore): ViewerStore {
  const fromContext = useContext(ViewerStoreContext);
  const store = explicit ?? fromContext;
  if (!store)
    throw new Error(
      'aslkit: this component needs a ViewerStore: pass store={...} or render it inside <ViewerStoreContext.Provider value={store}>',
    );
  return store;
}

/**
 * A slice of the viewer state; the component re-renders only when the slice changes (compare
 * by `Object.is`, so return primitives or objects that the store already holds).
 */
export function useViewerState<T>(selector: (state: ViewerState) => T, explicit?: ViewerStore): T {
  const store = useViewerStore(explicit);
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}

/**
 * A store fed by `source` for as long as the component is mounted.
 * @example
 * const store = useSourceStore(useMemo(() => createRemoteSource('/api'), []));
 */
export function useSourceStore(source: ViewerSource): ViewerStore {
  const [store] = useState(() => new ViewerStore());
  useEffect(() => {
    store.setConnection('connecting');
    const disconnect = source.connect((message) => store.receive(message));
    return disconnect;
  }, [source, store]);
  return store;
}
