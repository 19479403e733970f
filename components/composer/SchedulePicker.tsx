"use client";
import { localInput, type RecurrenceForm, type ScheduleFields } from "@/lib/composer/schedule";
import { useFormat } from "@/components/ui/FormatProvider";
import { wallToInstant } from "@/lib/time/days";
import type { ComposerAccount } from "@/lib/composer/types";
import { BestTimes } from "./BestTimes";
import { RecurrenceBuilder } from "./RecurrenceBuilder";

/** Date, time and IANA zone (the wall time is kept in that zone across DST), recurrence and hints. */
export function SchedulePicker(props: {
  value: ScheduleFields;
  onChange: (v: ScheduleFields) => void;
  recurrence: RecurrenceForm;
  onRecurrence: (r: RecurrenceForm) => void;
  zones: string[];
  /** The ticked accounts: best times are suggested for each. */
  accounts: ComposerAccount[];
  /** The ticked accounts: the series preview marks the dates their blackouts skip. */
  accountIds?: string[];
  error?: string | null;
}) {
  const { value, onChange } = props;
  const set = (patch: Partial<ScheduleFields>) => onChange({ ...value, ...patch });
  const zones = props.zones.includes(value.zone) ? props.zones : [value.zone, ...props.zones];
  const f = useFormat();
  // The fields are a wall time in the picked zone; when that is not the person's, say what it is in theirs.
  const at = value.zone !== f.timeZone && value.date && value.time ? wallToInstant(localInput(value), value.zone) : null;
  const described = ["s-zone-hint", ...(props.error ? ["s-error"] : [])].join(" ");
  return (
    <fieldset className="space-y-3" aria-describedby={props.error ? "s-error" : undefined}>
      <legend className="text-base font-semibold">Schedule</legend>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor="s-date" className="label">
            Date
          </label>
          <input
            id="s-date"
            type="date"
            className="input"
            value={value.date}
            onChange={(e) => set({ date: e.target.value })}
            aria-invalid={!!props.error}
            aria-describedby={described}
          />
        </div>
        <div>
          <label htmlFor="s-time" className="label">
            Time
          </label>
          <input
            id="s-time"
            type="time"
            className="input"
            value={value.time}
            onChange={(e) => set({ time: e.target.value })}
            aria-invalid={!!props.error}
            aria-describedby={described}
          />
        </div>
        <p id="s-zone-hint" className="col-span-2 text-xs text-slate-600 dark:text-slate-400" data-testid="schedule-zone-hint">
          In {value.zone.replaceAll("_", " ")}
          {at && (
            <>
              : {f.dateTime(at)} in your zone ({f.timeZone.replaceAll("_", " ")})
            </>
          )}
        </p>
      </div>
      <div>
        <label htmlFor="s-zone" className="label">
          Time zone
        </label>
        <select id="s-zone" className="input" value={value.zone} onChange={(e) => set({ zone: e.target.value })}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </div>
      {props.error && (
        <p id="s-error" role="alert" className="text-sm text-red-700 dark:text-red-300">
          {props.error}
        </p>
      )}
      <RecurrenceBuilder value={props.recurrence} onChange={props.onRecurrence} schedule={value} accountIds={props.accountIds} />
      <BestTimes accounts={props.accounts} zone={value.zone} onPick={(local) => set({ date: local.slice(0, 10), time: local.slice(11, 16) })} />
    </fieldset>
  );
}
