"use client";
import { useState } from "react";
import { setPostingSlotsAction } from "@/app/_actions/scheduling-settings";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { TimeZoneSelect } from "./TimeZoneSelect";
import { describeSlots, readTimes, WEEKDAYS, type Slots } from "./slots";
import { useActionRunner } from "@/components/ui/useActionRunner";

type Row = { key: number; days: number[]; times: string };

function label(path: string): string | null {
  const m = /^slots\.slots\.(\d+)\.(days|times)/.exec(path);
  if (m) return `Slot ${Number(m[1]) + 1}, ${m[2]}`;
  return path === "slots.timezone" ? "Time zone" : null;
}

/** Queue times of one account: on these weekdays at these times, "Add to queue" fills the next free one. */
export function PostingSlotsEditor({ accountId, accountName, slots, zone }: { accountId: string; accountName: string; slots: Slots | null; zone: string }) {
  const [timezone, setTimezone] = useState(slots?.timezone ?? zone);
  const [rows, setRows] = useState<Row[]>(() => (slots?.slots ?? []).map((s, i) => ({ key: i, days: s.days, times: s.times.join(", ") })));
  const [nextKey, setNextKey] = useState(rows.length);
  const { pending, error, setError, run } = useActionRunner(label);
  const notify = useToast();
  const ws = useWorkspaceId();
  const id = `slots-${accountId}`;

  const update = (key: number, change: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const add = () => {
    setRows((rs) => [...rs, { key: nextKey, days: [1, 2, 3, 4, 5], times: "09:00" }]);
    setNextKey((k) => k + 1);
  };

  function save(e: React.FormEvent) {
    e.preventDefault();
    const noDays = rows.findIndex((r) => !r.days.length);
    if (noDays >= 0) return setError(`Slot ${noDays + 1}: pick at least one day.`);
    const empty = rows.findIndex((r) => !readTimes(r.times).length);
    if (empty >= 0) return setError(`Slot ${empty + 1}: enter at least one time, such as 09:00.`);
    const input = { timezone, slots: rows.map((r) => ({ days: r.days, times: readTimes(r.times) })) };
    run(
      () => setPostingSlotsAction({ accountId, slots: input }, ws),
      () => notify(input.slots.length ? `Posting slots of ${accountName} saved` : `Posting slots of ${accountName} cleared`),
    );
  }

  const summary = describeSlots(slots);
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm font-medium">Posting slots{summary ? "" : " (none)"}</summary>
      <form className="mt-2 max-w-2xl space-y-3" aria-label={`Posting slots of ${accountName}`} noValidate onSubmit={save}>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          &ldquo;Add to queue&rdquo; puts a post into this account&apos;s next free slot, skipping blackouts and busy times.
        </p>
        <TimeZoneSelect id={`${id}-zone`} label="Slot time zone" value={timezone} onChange={setTimezone} disabled={pending} />
        {rows.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No slots. Add one to give this account a queue.</p>}
        {rows.map((r, i) => (
          <fieldset key={r.key} className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="slot-row">
            <legend className="px-1 text-sm font-medium">Slot {i + 1}</legend>
            <div className="flex flex-wrap gap-x-3 gap-y-1" role="group" aria-label={`Slot ${i + 1} days`}>
              {WEEKDAYS.map((d) => (
                <label key={d.n} className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    checked={r.days.includes(d.n)}
                    disabled={pending}
                    aria-label={`${d.long}, slot ${i + 1}`}
                    onChange={(e) => update(r.key, { days: e.target.checked ? [...r.days, d.n] : r.days.filter((x) => x !== d.n) })}
                  />
                  <span aria-hidden>{d.short}</span>
                </label>
              ))}
            </div>
            <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-end">
              <div className="flex-1">
                <label htmlFor={`${id}-times-${r.key}`} className="label">
                  Times, slot {i + 1}
                </label>
                <input
                  id={`${id}-times-${r.key}`}
                  className="input"
                  value={r.times}
                  placeholder="09:00, 12:30"
                  disabled={pending}
                  onChange={(e) => update(r.key, { times: e.target.value })}
                  aria-describedby={`${id}-times-hint`}
                />
              </div>
              <button type="button" className="btn-secondary py-1" disabled={pending} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                Remove slot {i + 1}
              </button>
            </div>
          </fieldset>
        ))}
        {rows.length > 0 && (
          <p id={`${id}-times-hint`} className="text-xs text-slate-600 dark:text-slate-400">
            Times are 24-hour HH:mm, separated by commas.
          </p>
        )}
        <FormError message={error} />
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn-secondary py-1" disabled={pending || rows.length >= 20} onClick={add}>
            Add a slot
          </button>
          <button type="submit" className="btn-primary py-1" disabled={pending}>
            {pending ? "Saving…" : "Save posting slots"}
          </button>
        </div>
      </form>
    </details>
  );
}
