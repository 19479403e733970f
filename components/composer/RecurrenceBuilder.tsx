"use client";
import { useEffect, useState } from "react";
import { buildRRule, localInput, nextOccurrences, WEEKDAYS, type RecurrenceForm, type ScheduleFields } from "@/lib/composer/schedule";
import { previewSeriesAction } from "@/app/_actions/series";
import type { PreviewItem } from "@/lib/scheduling/series-preview";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { useFormat } from "@/components/ui/FormatProvider";

const PREVIEW = 5;

/**
 * Which of the previewed occurrences a blackout will skip, asked from the server (it knows the
 * workspace's blackouts) a moment after the fields settle; null until it answers for these fields.
 */
function useBlackoutMarks(rrule: string | null, schedule: ScheduleFields, accountIds: string[] | undefined, valid: boolean) {
  const ws = useWorkspaceId();
  const key = valid && rrule ? JSON.stringify([rrule, localInput(schedule), schedule.zone, accountIds ?? null]) : null;
  const [answer, setAnswer] = useState<{ key: string; items: PreviewItem[] } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    const [r, at, zone, ids] = JSON.parse(key) as [string, string, string, string[] | null];
    const timer = setTimeout(async () => {
      // A refusal (or a lost connection) here only means no marks: the form shows its own
      // problems, and saving checks again.
      const res = await previewSeriesAction(
        { rrule: r, scheduled_time: at, timezone: zone, ...(ids?.length ? { platform_account_ids: ids } : {}), limit: PREVIEW },
        ws,
      ).catch(() => null);
      if (live && res?.ok) setAnswer({ key, items: res.data });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, ws]);
  return answer && answer.key === key ? new Map(answer.items.map((i) => [i.local, i.skipped])) : null;
}

function skipText(s: NonNullable<PreviewItem["skipped"]>): string {
  const why = `blackout${s.reason ? `: ${s.reason}` : ""}`;
  return s.accounts ? `skipped on ${s.accounts.join(", ")} (${why})` : `skipped (${why})`;
}

const UNIT: Record<RecurrenceForm["freq"], string> = { none: "", DAILY: "day(s)", WEEKLY: "week(s)", MONTHLY: "month(s)" };

/** Builds an RRULE from plain fields and shows the next occurrences it gives from the picked time. */
export function RecurrenceBuilder({
  value,
  onChange,
  schedule,
  accountIds,
}: {
  value: RecurrenceForm;
  onChange: (v: RecurrenceForm) => void;
  schedule: ScheduleFields;
  accountIds?: string[];
}) {
  const set = (patch: Partial<RecurrenceForm>) => onChange({ ...value, ...patch });
  // Occurrences are wall times in the picked zone: "Fri, Jan 17, 2031, 9:00 AM".
  const there = useFormat().withZone(schedule.zone);
  const occurrence = (at: Date) => `${there.weekday(at, "short")}, ${there.dateTime(at)}`;
  const rrule = buildRRule(value);
  const next = rrule ? nextOccurrences(rrule, schedule, PREVIEW) : null;
  const marks = useBlackoutMarks(rrule, schedule, accountIds, !!next?.ok);
  const skippedCount = next?.ok && marks ? next.items.filter((o) => marks.get(o.local) && !marks.get(o.local)!.accounts).length : 0;
  return (
    <div className="space-y-3">
      <div>
        <label htmlFor="r-freq" className="label">
          Repeat
        </label>
        <select id="r-freq" className="input" value={value.freq} onChange={(e) => set({ freq: e.target.value as RecurrenceForm["freq"] })}>
          <option value="none">Does not repeat</option>
          <option value="DAILY">Daily</option>
          <option value="WEEKLY">Weekly</option>
          <option value="MONTHLY">Monthly</option>
        </select>
      </div>
      {value.freq !== "none" && (
        <>
          <div className="flex items-end gap-2">
            <div className="w-24">
              <label htmlFor="r-interval" className="label">
                Every
              </label>
              <input
                id="r-interval"
                type="number"
                min={1}
                max={99}
                className="input"
                value={value.interval}
                onChange={(e) => set({ interval: Math.max(1, Number(e.target.value) || 1) })}
              />
            </div>
            <span className="pb-2 text-sm">{UNIT[value.freq]}</span>
          </div>
          {value.freq === "WEEKLY" && (
            <fieldset>
              <legend className="label">On days</legend>
              <div className="flex flex-wrap gap-1">
                {WEEKDAYS.map((d) => (
                  <label key={d.code} className="flex items-center gap-1 rounded border border-slate-300 px-2 py-1 text-xs dark:border-slate-700">
                    <input
                      type="checkbox"
                      checked={value.byDay.includes(d.code)}
                      onChange={(e) => set({ byDay: e.target.checked ? [...value.byDay, d.code] : value.byDay.filter((x) => x !== d.code) })}
                    />
                    {d.label}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <div className="grid grid-cols-2 gap-2">
            <div>
              <label htmlFor="r-end" className="label">
                Ends
              </label>
              <select id="r-end" className="input" value={value.end} onChange={(e) => set({ end: e.target.value as RecurrenceForm["end"] })}>
                <option value="count">After</option>
                <option value="until">On a date</option>
                <option value="never">Never</option>
              </select>
            </div>
            {value.end === "count" && (
              <div>
                <label htmlFor="r-count" className="label">
                  Posts
                </label>
                <input
                  id="r-count"
                  type="number"
                  min={1}
                  max={1000}
                  className="input"
                  value={value.count}
                  onChange={(e) => set({ count: Math.min(1000, Math.max(1, Number(e.target.value) || 1)) })}
                />
              </div>
            )}
            {value.end === "until" && (
              <div>
                <label htmlFor="r-until" className="label">
                  End date
                </label>
                <input id="r-until" type="date" className="input" value={value.until} onChange={(e) => set({ until: e.target.value })} />
              </div>
            )}
          </div>
          <p className="break-all text-xs text-slate-600 dark:text-slate-400">
            Rule: <code>{rrule}</code>
          </p>
          {next && !next.ok && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {next.message}
            </p>
          )}
          {next?.ok && (
            <div>
              <p className="text-sm font-medium">Next posts ({schedule.zone.replaceAll("_", " ")})</p>
              <ul className="mt-1 space-y-0.5 text-sm" data-testid="occurrences" aria-busy={marks === null}>
                {next.items.map((o) => {
                  const skip = marks?.get(o.local);
                  return (
                    <li key={o.local} data-skipped={skip ? "true" : undefined}>
                      <span className={skip && !skip.accounts ? "text-slate-500 line-through dark:text-slate-400" : undefined}>{occurrence(o.instant)}</span>
                      {o.shifted && " (moved: clock change)"}
                      {skip && <span className="ml-1 text-xs font-medium text-amber-800 dark:text-amber-300">— {skipText(skip)}</span>}
                    </li>
                  );
                })}
              </ul>
              {skippedCount > 0 && (
                <p className="mt-1 text-xs text-amber-800 dark:text-amber-300" data-testid="skipped-summary">
                  {skippedCount === 1 ? "One of these falls" : `${skippedCount} of these fall`} in a blackout and {skippedCount === 1 ? "is" : "are"} skipped;
                  the rest of the series is scheduled.
                </p>
              )}
              {next.items[0]!.local.slice(0, 16) !== localInput(schedule) && (
                <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">
                  The picked day is not in the rule: the first post goes out {occurrence(next.items[0]!.instant)}.
                </p>
              )}
              {next.unbounded && <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">This repeats forever until you end the series.</p>}
            </div>
          )}
        </>
      )}
    </div>
  );
}
