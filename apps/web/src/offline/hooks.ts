import { liveQuery } from 'dexie';
import { useMemo, useSyncExternalStore } from 'react';
import { getSyncState, subscribeSync, type SyncState } from './sync';

interface LiveStore<T> {
  subscribe: (onChange: () => void) => () => void;
  getSnapshot: () => T | undefined;
}

function liveStore<T>(querier: () => Promise<T>): LiveStore<T> {
  let value: T | undefined;
  return {
    subscribe(onChange) {
      const subscription = liveQuery(querier).subscribe({
        next(next) {
          value = next;
          onChange();
        },
        error() {
          // IndexedDB unavailable (private mode): the screen shows an empty copy
        },
      });
      return () => subscription.unsubscribe();
    },
    getSnapshot: () => value,
  };
}

/**
 * The result of a Dexie query, kept current as the tables change (undefined while loading).
 * `key` names the query: a new key starts a new live query.
 */
export function useLiveQuery<T>(key: string, querier: () => Promise<T>): T | undefined {
  // The querier is captured for the key: callers put everything it reads into the key.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const store = useMemo(() => liveStore(querier), [key]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Whether the browser believes it has a connection. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

export function useSyncState(): SyncState {
  return useSyncExternalStore(subscribeSync, getSyncState);
}
