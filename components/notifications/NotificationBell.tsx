"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { COUNT_CHANGED, useNotificationSignals } from "./live";

async function unreadNow(): Promise<number | null> {
  try {
    const res = await fetch("/api/v1/notifications?limit=1&unread=true", { cache: "no-store" });
    return res.ok ? ((await res.json()) as { unread_count: number }).unread_count : null;
  } catch {
    // Offline for a moment: keep the last count.
    return null;
  }
}

/** The header bell: unread count of the signed-in person, kept current from the event stream. */
export function NotificationBell() {
  const [unread, setUnread] = useState<number | null>(null);
  const path = usePathname();
  const refresh = useCallback(() => {
    void unreadNow().then((n) => {
      if (n === null) return;
      // Tell an open notifications page, so its list follows the count.
      setUnread((before) => {
        if (before !== null && before !== n) setTimeout(() => window.dispatchEvent(new Event(COUNT_CHANGED)), 0);
        return n;
      });
    });
  }, []);
  useNotificationSignals(refresh);
  useEffect(() => {
    let live = true;
    void unreadNow().then((n) => live && n !== null && setUnread(n));
    return () => {
      live = false;
    };
  }, [path]);
  const count = unread ?? 0;
  const label = count ? `Notifications, ${count} unread` : "Notifications";
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      aria-current={path === "/notifications" ? "page" : undefined}
      className="btn-secondary relative px-2"
      data-testid="notification-bell"
    >
      <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {count > 0 && (
        <span
          data-testid="notification-count"
          className="absolute -right-1.5 -top-1.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white"
        >
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
