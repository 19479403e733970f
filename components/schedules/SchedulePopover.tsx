"use client";
import Link from "next/link";
import { useFormat } from "@/components/ui/FormatProvider";
import { ScheduleWhen } from "./ScheduleWhen";
import { scheduleWhen } from "./zone-note";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { Dialog } from "./Dialog";
import { PublishedLink } from "./PublishedLink";
import { ScheduleActions } from "./ScheduleActions";
import { useScheduleDetails } from "./useScheduleDetails";

/**
 * A calendar event, opened: the post, where and when it goes out, its controls, "Open post" and
 * "View on <platform>". Details are read when it opens, not carried in the calendar feed.
 */
export function SchedulePopover({
  id,
  title,
  canWrite,
  onClose,
  onChanged,
}: {
  id: string;
  title: string;
  canWrite: boolean;
  onClose: () => void;
  onChanged?: () => void;
}) {
  const { details: d, error, reload } = useScheduleDetails(id);
  const f = useFormat();
  return (
    <Dialog title={d?.title ?? title} onClose={onClose} testId="schedule-popover" wide>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : !d ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" aria-busy="true">
          Loading…
        </p>
      ) : (
        <div className="space-y-3 text-sm">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-600 dark:text-slate-400">When</dt>
            <dd>
              <ScheduleWhen local={d.localTime} zone={d.timezone} at={d.scheduledTime} />
              {d.recurring && " · repeats"}
            </dd>
            <dt className="text-slate-600 dark:text-slate-400">Where</dt>
            <dd>
              {d.accountName} · {d.platformName}
            </dd>
            <dt className="text-slate-600 dark:text-slate-400">Status</dt>
            <dd>
              <StatusBadge status={d.status} />
              {d.retryCount > 0 && (
                <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">
                  {f.number(d.retryCount)} of {f.number(d.maxRetries)} retries used
                </span>
              )}
            </dd>
          </dl>
          {d.errorMessage && ["failed", "dead_letter", "skipped", "expired"].includes(d.status) && (
            <p className="text-red-700 dark:text-red-300">{d.errorMessage}</p>
          )}
          {d.excerpt && (
            <p className="whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-slate-800 dark:bg-slate-950 dark:text-slate-200">{d.excerpt}</p>
          )}
          <div className="flex flex-wrap items-center gap-3">
            <Link href={`/content/${d.contentItemId}`} className="btn-primary py-1">
              Open post
            </Link>
            <PublishedLink link={d.link} />
          </div>
          <ScheduleActions
            canWrite={canWrite}
            size="md"
            schedule={{
              id: d.id,
              status: d.status,
              errorCode: d.errorCode,
              title: d.title,
              accountName: d.accountName,
              when: scheduleWhen(f, d.localTime, d.timezone, d.scheduledTime).full,
            }}
            onChanged={() => {
              reload();
              onChanged?.();
            }}
          />
        </div>
      )}
    </Dialog>
  );
}
