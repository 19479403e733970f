"use client";
import { useState } from "react";
import { setPreferencesAction } from "@/app/_actions/scheduling-settings";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { TimeZoneSelect } from "./TimeZoneSelect";
import { inWords } from "./messages";

type Frequency = Record<string, { min_per_week?: number | null; max_per_week?: number | null }>;

export interface PreferencesValue {
  timezone: string;
  weekStart: number;
  postingFrequency: Frequency;
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** A whole number from a number field, null when empty, NaN when unreadable (the server says why). */
function count(v: FormDataEntryValue | null): number | null {
  const s = String(v ?? "").trim();
  return s === "" ? null : Number(s);
}

/** The person's own scheduling preferences: zone for every time shown, week start, weekly limits. */
export function PreferencesForm({ initial, platforms }: { initial: PreferencesValue; platforms: { id: string; name: string }[] }) {
  const [zone, setZone] = useState(initial.timezone);
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const frequency: Frequency = {};
    for (const p of platforms) {
      const min = count(form.get(`min.${p.id}`));
      const max = count(form.get(`max.${p.id}`));
      if (min !== null || max !== null) frequency[p.id] = { min_per_week: min, max_per_week: max };
    }
    run(
      () => setPreferencesAction({ timezone: zone, week_start: Number(form.get("week_start")), posting_frequency: frequency }, ws),
      (data) => notify(`Preferences saved. Times now show in ${data.timezone}.`),
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate aria-label="Preferences">
      <section className="card space-y-4" aria-labelledby="pref-time-title">
        <div>
          <h2 id="pref-time-title" className="text-base font-semibold">Time</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">Yours only: every date and time on your screens shows in this zone, and times you type are read in it.</p>
        </div>
        <TimeZoneSelect id="pref-timezone" label="Time zone" value={zone} onChange={setZone} disabled={pending} />
        <div className="max-w-xs">
          <label htmlFor="pref-week-start" className="label">Week starts on</label>
          <select id="pref-week-start" name="week_start" defaultValue={initial.weekStart} className="input" disabled={pending}>
            {DAYS.map((d, i) => (
              <option key={d} value={i}>{d}</option>
            ))}
          </select>
        </div>
      </section>

      <section className="card" aria-labelledby="pref-freq-title">
        <h2 id="pref-freq-title" className="text-base font-semibold">Posting frequency</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          Posts per week per platform. Best-time suggestions skip weeks that reached the maximum and favour weeks under the minimum. Leave empty for no limit.
        </p>
        {platforms.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Limits are per platform: connect an account under Accounts first.</p>
        ) : (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {platforms.map((p) => {
              const f = initial.postingFrequency[p.id] ?? {};
              return (
                <fieldset key={p.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="frequency-row">
                  <legend className="px-1 text-sm font-medium">{p.name}</legend>
                  <div className="grid grid-cols-2 gap-2">
                    <div>
                      <label htmlFor={`min-${p.id}`} className="label">Min per week</label>
                      <input id={`min-${p.id}`} name={`min.${p.id}`} type="number" min={0} max={500} step={1} inputMode="numeric" defaultValue={f.min_per_week ?? ""} className="input" disabled={pending} />
                    </div>
                    <div>
                      <label htmlFor={`max-${p.id}`} className="label">Max per week</label>
                      <input id={`max-${p.id}`} name={`max.${p.id}`} type="number" min={1} max={500} step={1} inputMode="numeric" defaultValue={f.max_per_week ?? ""} className="input" disabled={pending} />
                    </div>
                  </div>
                </fieldset>
              );
            })}
          </div>
        )}
      </section>

      <FormError message={inWords(error)} />
      <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Saving…" : "Save preferences"}</button>
    </form>
  );
}
