"use client";
import { useSyncExternalStore } from "react";
import { currentZoneName } from "@/lib/time/names";

const noop = () => () => {};
// Under its current name: a browser in Kolkata reports "Asia/Calcutta".
const read = () => currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone || "") || null;

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
    return read() ?? undefined;
  } catch {
    return undefined;
  }
}
