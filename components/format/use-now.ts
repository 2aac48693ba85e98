import { useSyncExternalStore } from 'react';

// One shared clock for every relative time on the page, instead of one timer per cell.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer) return unsubscribe(listener);
  now = Date.now();
  timer = setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 15_000);
  return unsubscribe(listener);
}

function unsubscribe(listener: () => void): () => void {
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
}
