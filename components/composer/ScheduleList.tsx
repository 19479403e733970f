"use client";
import { useFormat } from "@/components/ui/FormatProvider";
import { ScheduleWhen } from "@/components/schedules/ScheduleWhen";
import { scheduleWhen } from "@/components/schedules/zone-note";
import type { ScheduleSummary } from "@/lib/composer/types";
import type { PublishedLink as Link } from "@/lib/scheduling/published-link";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { ScheduleActions } from "@/components/schedules/ScheduleActions";
import { PublishedLink } from "@/components/schedules/PublishedLink";

const PROBLEM = new Set(["failed", "dead_letter", "skipped", "expired"]);
type Row = ScheduleSummary & { title?: string; link?: Link | null; errorMessage?: string | null; errorCode?: string | null };
/** Held by the engine, not failed: the reason is news, not an error (a rate-limit wait, a decision, approval). */
const HELD = new Set(["rate_limit_wait", "rate_limited", "missed_ask", "awaiting_approval"]);

/**
 * Where and when this content goes out, in the person's zone (and each schedule's own zone beside it when that differs), with each
 * schedule's controls (for members who may change schedules) and a link to what was published.
 */
export function ScheduleList({
  schedules,
  canWrite = false,
  waitingForApproval = false,
}: {
  schedules: Row[];
  canWrite?: boolean;
  waitingForApproval?: boolean;
}) {
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="schedules-h">
      <h2 id="schedules-h" className="text-base font-semibold">
        Schedules
      </h2>
      {schedules.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Not scheduled yet. Pick accounts and a time, then press Schedule.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200 dark:divide-slate-800" data-testid="schedule-list">
          {schedules.map((s) => (
            <li
              key={s.id}
              className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
              data-testid="schedule-row"
              data-schedule-id={s.id}
              data-status={s.status}
            >
              <span className="min-w-0">
                <ScheduleWhen local={s.localTime} zone={s.timezone} at={s.scheduledTime} className="font-medium" />
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {s.accountName} · {s.platformName}
                  {s.recurring && " · repeats"}
                </span>
                {s.errorMessage && PROBLEM.has(s.status) && <span className="block text-xs text-red-700 dark:text-red-300">{s.errorMessage}</span>}
                {s.errorMessage && !PROBLEM.has(s.status) && s.errorCode && HELD.has(s.errorCode) && (
                  <span className="block text-xs text-amber-800 dark:text-amber-200" data-testid="schedule-held">
                    {s.errorMessage}
                  </span>
                )}
                {s.link && <PublishedLink link={s.link} className="mt-0.5 inline-block" />}
              </span>
              <span className="flex flex-wrap items-center justify-end gap-2">
                <StatusBadge status={s.status} waiting={waitingForApproval && (s.status === "pending" || s.status === "paused")} />
                <ScheduleActions
                  canWrite={canWrite}
                  schedule={{
                    id: s.id,
                    status: s.status,
                    errorCode: s.errorCode,
                    title: s.title ?? "this post",
                    accountName: s.accountName,
                    when: scheduleWhen(f, s.localTime, s.timezone, s.scheduledTime).full,
                  }}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
