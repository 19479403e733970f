"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";

/**
 * Keeps a server-rendered screen current: listens to the workspace's event stream and refreshes
 * (at most once a second) when publishing moves. The browser reconnects with Last-Event-ID.
 */
export function LiveRefresh({ label = "Live" }: { label?: string }) {
  const router = useRouter();
  const [state, setState] = useState<"connecting" | "live" | "offline">("connecting");
  useEffect(() => {
    const source = new EventSource("/api/v1/events/stream");
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer ??= setTimeout(() => {
        timer = null;
        router.refresh();
      }, 1000);
    };
    source.onopen = () => setState("live");
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    for (const type of [
      "publishing_started",
      "publishing_completed",
      "publishing_failed",
      "first_comment_published",
      "first_comment_failed",
      "schedule_missed",
      "account_needs_reconnect",
    ])
      source.addEventListener(type, refresh);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [router]);
  const dot = state === "live" ? "bg-emerald-500" : state === "connecting" ? "bg-amber-400" : "bg-slate-400";
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400" data-testid="live-status" data-state={state}>
      <span aria-hidden className={`h-2 w-2 rounded-full ${dot}`} />
      {state === "live" ? label : state === "connecting" ? "Connecting…" : "Offline: reload to update"}
    </span>
  );
}
