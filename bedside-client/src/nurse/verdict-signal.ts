import { useSyncExternalStore } from 'react';

/*
 * The verdict panel tells the patient banner that a verdict is on screen:
 * the patient has been identified and the nurse has moved on to a pack, so
 * the banner folds to one line and leaves the screen to the verdict (issue
 * 12). A count, not a flag: each new verdict folds the banner again after the
 * nurse opened it. The two are siblings under the bedside screen, which
 * could pass the same thing down as a prop instead.
 */
let shown = 0;
const listeners = new Set<() => void>();

/** Called by the verdict panel each time a new verdict is put on screen. */
export function verdictShown(): void {
  shown += 1;
  for (const listener of listeners) listener();
}

/** How many verdicts have been put on screen so far; changes with each new one. */
export function useVerdictsShown(): number {
  return useSyncExternalStore(subscribe, current, current);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function current(): number {
  return shown;
}
