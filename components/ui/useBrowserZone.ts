"use client";
import { useSyncExternalStore } from "react";

const noop = () => () => {};
const read = () => Intl.DateTimeFormat().resolvedOptions().timeZone || null;

/**
 * The browser's IANA zone, or null on the server and during hydration, so the first paint is the
 * same on both sides (never render it into text the server also renders).
 */
export function useBrowserZone(): string | null {
  return useSyncExternalStore(noop, read, () => null);
}

/** The browser's zone at the moment of a click or submit (never during render). */
export function browserZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}
