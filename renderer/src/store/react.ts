import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { AppState, Store } from './store';

export const StoreContext = createContext<Store | null>(null);

export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside StoreContext');
  return store;
}

/** A part of the state; the component re-renders only when that part changes (compared with Object.is). */
export function useAppState<T>(select: (s: AppState) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}

/** One account's code: its row re-renders only when that code changes. */
export function useCode(id: string) {
  const { codes } = useStore();
  const subscribe = useCallback((l: () => void) => codes.subscribe(id, l), [codes, id]);
  return useSyncExternalStore(subscribe, () => codes.get(id));
}
