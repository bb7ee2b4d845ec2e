import { useEffect, useRef } from 'react';

/**
 * A function that calls `callback` with its latest argument once calls have paused for `delayMs` (e.g. a search
 * box, so each keystroke is not a request). A pending call is dropped on unmount.
 */
export function useDebouncedCallback<Value>(callback: (value: Value) => void, delayMs: number) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (value: Value) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => callback(value), delayMs);
  };
}
