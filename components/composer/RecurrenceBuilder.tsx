"use client";
import { buildRRule, describeLocal, localInput, nextOccurrences, WEEKDAYS, type RecurrenceForm, type ScheduleFields } from "@/lib/composer/schedule";

const UNIT: Record<RecurrenceForm["freq"], string> = { none: "", DAILY: "day(s)", WEEKLY: "week(s)", MONTHLY: "month(s)" };

/** Builds an RRULE from plain fields and shows the next occurrences it gives from the picked time. */
export function RecurrenceBuilder({ value, onChange, schedule }: { value: RecurrenceForm; onChange: (v: RecurrenceForm) => void; schedule: ScheduleFields }) {
  const set = (patch: Partial<RecurrenceForm>) => onChange({ ...value, ...patch });
  const rrule = buildRRule(value);
  const next = rrule ? nextOccurrences(rrule, schedule, 5) : null;
  return (
    <div className="space-y-3">
      <div>
        <label htmlFor="r-freq" className="label">Repeat</label>
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
              <label htmlFor="r-interval" className="label">Every</label>
              <input id="r-interval" type="number" min={1} max={99} className="input" value={value.interval} onChange={(e) => set({ interval: Math.max(1, Number(e.target.value) || 1) })} />
            </div>
            <span className="pb-2 text-sm">{UNIT[value.freq]}</span>
          </div>
          {value.freq === "WEEKLY" && (
            <fieldset>
              <legend className="label">On days</legend>
              <div className="flex flex-wrap gap-1">
                {WEEKDAYS.map((d) => (
                  <label key={d.code} className="flex items-center gap-1 rounded border border-slate-300 px-2 py-1 text-xs dark:border-slate-700">
                    <input type="checkbox" checked={value.byDay.includes(d.code)} onChange={(e) => set({ byDay: e.target.checked ? [...value.byDay, d.code] : value.byDay.filter((x) => x !== d.code) })} />
                    {d.label}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <div className="grid grid-cols-2 gap-2">
            <div>
              <label htmlFor="r-end" className="label">Ends</label>
              <select id="r-end" className="input" value={value.end} onChange={(e) => set({ end: e.target.value as RecurrenceForm["end"] })}>
                <option value="count">After</option>
                <option value="until">On a date</option>
                <option value="never">Never</option>
              </select>
            </div>
            {value.end === "count" && (
              <div>
                <label htmlFor="r-count" className="label">Posts</label>
                <input id="r-count" type="number" min={1} max={1000} className="input" value={value.count} onChange={(e) => set({ count: Math.min(1000, Math.max(1, Number(e.target.value) || 1)) })} />
              </div>
            )}
            {value.end === "until" && (
              <div>
                <label htmlFor="r-until" className="label">End date</label>
                <input id="r-until" type="date" className="input" value={value.until} onChange={(e) => set({ until: e.target.value })} />
              </div>
            )}
          </div>
          <p className="break-all text-xs text-slate-600 dark:text-slate-400">Rule: <code>{rrule}</code></p>
          {next && !next.ok && <p role="alert" className="text-sm text-red-700 dark:text-red-300">{next.message}</p>}
          {next?.ok && (
            <div>
              <p className="text-sm font-medium">Next posts ({schedule.zone})</p>
              <ul className="mt-1 space-y-0.5 text-sm" data-testid="occurrences">
                {next.items.map((o) => <li key={o.local}>{describeLocal(o.local)}{o.shifted && " (moved: clock change)"}</li>)}
              </ul>
              {next.items[0]!.local.slice(0, 16) !== localInput(schedule) && (
                <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">The picked day is not in the rule: the first post goes out {describeLocal(next.items[0]!.local)}.</p>
              )}
              {next.unbounded && <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">This repeats forever until you end the series.</p>}
            </div>
          )}
        </>
      )}
    </div>
  );
}
