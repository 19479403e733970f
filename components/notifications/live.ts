"use client";
import { useEffect, useRef } from "react";

export const CHANGED = "notifications:changed";
/** The bell saw the unread count move. */
export const COUNT_CHANGED = "notifications:count";

/**
 * Calls `onChange` when this person's notifications may have changed: an event on the workspace's
 * stream (the fan-out runs a moment later, so it asks again shortly after), a change made on
 * this page (CHANGED), or the tab coming back into view.
 */
export function useNotificationSignals(onChange: () => void) {
  const cb = useRef(onChange);
  useEffect(() => {
    cb.current = onChange;
  }, [onChange]);
  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const later = (ms: number) => {
      const t = setTimeout(() => {
        timers.delete(t);
        cb.current();
      }, ms);
      timers.add(t);
    };
    // The fan-out runs within a second or two of the event, later on a busy server: ask a few times.
    const onEvent = () => {
      for (const ms of [1500, 4000, 8000, 15000]) later(ms);
    };
    const now = () => cb.current();
    const source = new EventSource("/api/v1/events/stream");
    const types = [
      "publishing_failed",
      "schedule_missed",
      "account_needs_reconnect",
      "content_submitted",
      "content_approved",
      "content_changes_requested",
      "content_rejected",
    ];
    for (const type of types) source.addEventListener(type, onEvent);
    const onVisible = () => document.visibilityState === "visible" && now();
    window.addEventListener(CHANGED, now);
    document.addEventListener("visibilitychange", onVisible);
    const poll = setInterval(now, 60_000);
    return () => {
      source.close();
      for (const t of timers) clearTimeout(t);
      clearInterval(poll);
      window.removeEventListener(CHANGED, now);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);
}

export function announceChange() {
  window.dispatchEvent(new Event(CHANGED));
}
