"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/app/_actions/notifications";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useFormat } from "@/components/ui/FormatProvider";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import type { NotificationView } from "@/lib/notifications";
import { announceChange, COUNT_CHANGED, useNotificationSignals } from "./live";

function When({ iso }: { iso: string }) {
  const f = useFormat();
  return (
    <time dateTime={iso} className="text-xs text-slate-600 dark:text-slate-400">
      {f.dateTime(iso)}
    </time>
  );
}

/** The person's notifications: unread ones first and marked, each readable on its own or all at once. */
export function NotificationList({ items, unread, page, pages }: { items: NotificationView[]; unread: number; page: number; pages: number }) {
  const router = useRouter();
  const notify = useToast();
  const ws = useWorkspaceId();
  const { pending, error, run } = useActionRunner();
  const f = useFormat();
  useNotificationSignals(() => router.refresh());
  useEffect(() => {
    const refresh = () => router.refresh();
    window.addEventListener(COUNT_CHANGED, refresh);
    return () => window.removeEventListener(COUNT_CHANGED, refresh);
  }, [router]);

  const after = (message: string) => () => {
    announceChange();
    router.refresh();
    notify(message);
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="unread-summary" aria-live="polite">
          {unread === 0 ? "All caught up." : `${f.number(unread)} unread`}
        </p>
        <button
          type="button"
          className="btn-secondary"
          disabled={pending || unread === 0}
          onClick={() => run(() => markAllNotificationsReadAction({}, ws), after("All notifications marked read"))}
        >
          Mark all read
        </button>
      </div>
      <FormError message={error} />
      {items.length === 0 ? (
        <div className="card text-sm text-slate-700 dark:text-slate-300">
          <p className="font-medium">No notifications yet.</p>
          <p className="mt-1">
            You hear here about reviews, decisions on your content, failed posts and accounts that need reconnecting. Choose what reaches you, and by email, in{" "}
            <Link href="/settings/notifications" className="text-brand-700 underline dark:text-brand-100">
              Settings → Notifications
            </Link>
            .
          </p>
        </div>
      ) : (
        <ul className="space-y-2" aria-label="Notifications">
          {items.map((n) => (
            <li
              key={n.id}
              data-testid="notification-item"
              data-unread={n.read_at ? "false" : "true"}
              className={`card flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between ${n.read_at ? "" : "border-l-4 border-l-brand-600"}`}
            >
              <div className="min-w-0">
                <p className="break-words font-medium">
                  {!n.read_at && <span className="sr-only">Unread: </span>}
                  {n.link ? (
                    <Link
                      href={n.link}
                      className="hover:underline"
                      onClick={() => !n.read_at && void markNotificationReadAction({ id: n.id }, ws).then(announceChange)}
                    >
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                {n.body && <p className="mt-0.5 break-words text-sm text-slate-700 dark:text-slate-300">{n.body}</p>}
                <When iso={n.created_at} />
              </div>
              {!n.read_at && (
                <button
                  type="button"
                  className="btn-secondary shrink-0 self-start px-2 py-1 text-xs"
                  disabled={pending}
                  aria-label={`Mark read: ${n.title}`}
                  onClick={() => run(() => markNotificationReadAction({ id: n.id }, ws), after("Marked read"))}
                >
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link className="btn-secondary" href={`/notifications?page=${page - 1}`}>
              Newer
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {f.number(page)} of {f.number(pages)}
          </span>
          {page < pages ? (
            <Link className="btn-secondary" href={`/notifications?page=${page + 1}`}>
              Older
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
