"use client";
import { useCallback, useInsertionEffect, useRef } from "react";

/**
 * A callback whose identity never changes but that always runs the latest `fn` given: for event
 * handlers handed to memoised children, which then need not re-render when the parent does.
 * Not for calling during render (it runs the previous render's `fn` there).
 */
export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  useInsertionEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
