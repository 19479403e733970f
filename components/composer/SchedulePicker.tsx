"use client";
import type { RecurrenceForm, ScheduleFields } from "@/lib/composer/schedule";
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
  return (
    <fieldset className="space-y-3" aria-describedby={props.error ? "s-error" : undefined}>
      <legend className="text-base font-semibold">Schedule</legend>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor="s-date" className="label">Date</label>
          <input id="s-date" type="date" className="input" value={value.date} onChange={(e) => set({ date: e.target.value })} aria-invalid={!!props.error} />
        </div>
        <div>
          <label htmlFor="s-time" className="label">Time</label>
          <input id="s-time" type="time" className="input" value={value.time} onChange={(e) => set({ time: e.target.value })} aria-invalid={!!props.error} />
        </div>
      </div>
      <div>
        <label htmlFor="s-zone" className="label">Time zone</label>
        <select id="s-zone" className="input" value={value.zone} onChange={(e) => set({ zone: e.target.value })}>
          {zones.map((z) => <option key={z} value={z}>{z.replaceAll("_", " ")}</option>)}
        </select>
      </div>
      {props.error && <p id="s-error" role="alert" className="text-sm text-red-700 dark:text-red-300">{props.error}</p>}
      <RecurrenceBuilder value={props.recurrence} onChange={props.onRecurrence} schedule={value} accountIds={props.accountIds} />
      <BestTimes accounts={props.accounts} zone={value.zone} onPick={(local) => set({ date: local.slice(0, 10), time: local.slice(11, 16) })} />
    </fieldset>
  );
}
