import type { CalendarEventData, ConflictData } from "@/lib/calendar/board";
import { PlatformIcon, platformName } from "@/components/ui/PlatformIcon";
import { statusLabel } from "@/components/ui/StatusBadge";

/** Status colours with text contrast of at least 4.5:1 in both themes. */
export const STATUS_CHIP: Record<string, string> = {
  pending: "bg-blue-100 text-blue-950 border-blue-500 dark:bg-blue-950 dark:text-blue-100",
  paused: "bg-slate-200 text-slate-900 border-slate-500 dark:bg-slate-800 dark:text-slate-100",
  publishing: "bg-violet-100 text-violet-950 border-violet-500 dark:bg-violet-950 dark:text-violet-100",
  published: "bg-emerald-100 text-emerald-950 border-emerald-600 dark:bg-emerald-950 dark:text-emerald-100",
  failed: "bg-red-100 text-red-950 border-red-600 dark:bg-red-950 dark:text-red-100",
  dead_letter: "bg-red-200 text-red-950 border-red-800 dark:bg-red-900 dark:text-red-50",
};
const MUTED = "bg-slate-100 text-slate-700 border-slate-400 line-through dark:bg-slate-900 dark:text-slate-300";

/**
 * One post on the calendar. With `wrap` its title wraps (words too long for the cell break
 * anywhere) up to three lines; the full title is in its tooltip and its accessible name.
 */
export function EventChip({
  event,
  timeText,
  conflicts,
  saving,
  wrap,
  compact,
}: {
  event: CalendarEventData;
  timeText?: string;
  conflicts?: ConflictData[];
  saving?: boolean;
  wrap?: boolean;
  compact?: boolean;
}) {
  const warn = conflicts?.length ? conflicts.map((c) => c.message).join(" ") : null;
  const broken = event.account_broken
    ? `${event.account_name} ${event.account_status === "error" ? "is in error" : "needs reconnecting"}: this post would fail. Reconnect it under Settings → Accounts.`
    : null;
  return (
    <div
      className={`flex w-full min-w-0 ${wrap ? "flex-wrap items-start" : "items-center"} gap-x-1 overflow-hidden rounded border-l-4 px-1 py-0.5 text-xs ${STATUS_CHIP[event.publish_status] ?? MUTED} ${saving ? "opacity-70" : ""}`}
      title={`${event.title} · ${compact ? `${platformName(event.platform_id)} · ` : ""}${event.account_name} · ${statusLabel(event.publish_status)}${event.awaiting_approval ? " · awaiting approval" : ""}${broken ? ` · ${broken}` : ""}${warn ? ` · ${warn}` : ""}`}
      data-testid="calendar-event"
      data-schedule-id={event.id}
      data-status={event.publish_status}
      data-start={event.start}
      data-account-broken={event.account_broken ? "true" : undefined}
    >
      {/* A phone's narrow day columns keep the time and title; the platform is in the tooltip. */}
      {!compact && <PlatformIcon platform={event.platform_id} />}
      {timeText && <span className={`font-semibold tabular-nums ${wrap ? "min-w-0 [overflow-wrap:anywhere]" : "shrink-0"}`}>{timeText}</span>}
      <span
        className={wrap ? "line-clamp-3 min-w-0 flex-1 basis-16 whitespace-normal [overflow-wrap:anywhere]" : "truncate"}
        data-testid="calendar-event-title"
      >
        {event.title}
      </span>
      {event.awaiting_approval && (
        <span
          role="img"
          aria-label="Awaiting approval"
          className="shrink-0 rounded bg-amber-200 px-1 font-semibold text-amber-950 dark:bg-amber-800 dark:text-amber-50"
          data-testid="awaiting-approval"
        >
          ⏳
        </span>
      )}
      {broken && (
        <span
          role="img"
          aria-label={broken}
          className="shrink-0 rounded bg-red-200 px-1 font-bold text-red-950 dark:bg-red-900 dark:text-red-50"
          data-testid="account-broken-flag"
        >
          ↻
        </span>
      )}
      {warn && (
        <span role="img" aria-label={`Conflict: ${warn}`} className="ml-auto shrink-0 font-bold text-amber-700 dark:text-amber-300" data-testid="conflict-flag">
          ⚠
        </span>
      )}
      <span className="sr-only">
        , {statusLabel(event.publish_status)}
        {event.awaiting_approval ? ", awaiting approval" : ""} on {event.account_name}
        {broken ? ", account needs reconnecting" : ""}
      </span>
    </div>
  );
}
