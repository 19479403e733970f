"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { createFormat } from "@/lib/format";
import { useFormat } from "@/components/ui/FormatProvider";
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
  /** The chosen locale; null follows the browser's language. */
  locale: string | null;
  /** When these were last saved (ISO), shown in the person's format. */
  updatedAt: string | null;
  weekStart: number;
  postingFrequency: Frequency;
}

/** Common locales, named in their own language (fixed text: server and browser render the same). */
export const LOCALES: [string, string][] = [
  ["en-US", "English (United States)"],
  ["en-GB", "English (United Kingdom)"],
  ["en-AU", "English (Australia)"],
  ["en-IN", "English (India)"],
  ["de-DE", "Deutsch (Deutschland)"],
  ["de-AT", "Deutsch (Österreich)"],
  ["de-CH", "Deutsch (Schweiz)"],
  ["fr-FR", "Français (France)"],
  ["fr-CA", "Français (Canada)"],
  ["es-ES", "Español (España)"],
  ["es-MX", "Español (México)"],
  ["it-IT", "Italiano (Italia)"],
  ["nl-NL", "Nederlands (Nederland)"],
  ["pt-BR", "Português (Brasil)"],
  ["pt-PT", "Português (Portugal)"],
  ["pl-PL", "Polski (Polska)"],
  ["sv-SE", "Svenska (Sverige)"],
  ["da-DK", "Dansk (Danmark)"],
  ["nb-NO", "Norsk bokmål (Norge)"],
  ["fi-FI", "Suomi (Suomi)"],
  ["cs-CZ", "Čeština (Česko)"],
  ["tr-TR", "Türkçe (Türkiye)"],
  ["ru-RU", "Русский (Россия)"],
  ["uk-UA", "Українська (Україна)"],
  ["ja-JP", "日本語 (日本)"],
  ["ko-KR", "한국어 (대한민국)"],
  ["zh-CN", "中文 (中国)"],
  ["hi-IN", "हिन्दी (भारत)"],
];

/** A fixed moment for the format example. */
const EXAMPLE = "2026-12-08T17:30:00Z";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** A whole number from a number field, null when empty, NaN when unreadable (the server says why). */
function count(v: FormDataEntryValue | null): number | null {
  const s = String(v ?? "").trim();
  return s === "" ? null : Number(s);
}

/** The person's own scheduling preferences: zone for every time shown, week start, weekly limits. */
export function PreferencesForm({
  initial,
  platforms,
  browserLocale,
}: {
  initial: PreferencesValue;
  platforms: { id: string; name: string }[];
  browserLocale: string;
}) {
  const [zone, setZone] = useState(initial.timezone);
  const [locale, setLocale] = useState(initial.locale ?? "");
  const router = useRouter();
  const fmt = useFormat();
  const example = createFormat({ locale: locale || browserLocale, timeZone: zone });
  const known = LOCALES.some(([tag]) => tag === initial.locale);
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
      () => setPreferencesAction({ timezone: zone, locale: locale || null, week_start: Number(form.get("week_start")), posting_frequency: frequency }, ws),
      (data) => {
        notify(`Preferences saved. Times now show in ${data.timezone}.`);
        // Every screen formats with the new zone and locale: render the whole page again.
        router.refresh();
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate aria-label="Preferences">
      <section className="card space-y-4" aria-labelledby="pref-time-title">
        <div>
          <h2 id="pref-time-title" className="text-base font-semibold">
            Time
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Yours only: every date and time on your screens shows in this zone, and times you type are read in it.
          </p>
        </div>
        <TimeZoneSelect id="pref-timezone" label="Time zone" value={zone} onChange={setZone} disabled={pending} />
        <div className="max-w-md">
          <label htmlFor="pref-locale" className="label">
            Date and number format
          </label>
          <select
            id="pref-locale"
            name="locale"
            className="input"
            value={locale}
            disabled={pending}
            onChange={(e) => setLocale(e.target.value)}
            aria-describedby="pref-locale-hint"
          >
            <option value="">Browser language ({browserLocale})</option>
            {!known && initial.locale && <option value={initial.locale}>{initial.locale}</option>}
            {LOCALES.map(([tag, name]) => (
              <option key={tag} value={tag}>
                {name} — {tag}
              </option>
            ))}
          </select>
          <p id="pref-locale-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            For example <span data-testid="locale-example">{example.dateTime(EXAMPLE)}</span> and {example.number(12345.6)}.
          </p>
        </div>
        <div className="max-w-xs">
          <label htmlFor="pref-week-start" className="label">
            Week starts on
          </label>
          <select id="pref-week-start" name="week_start" defaultValue={initial.weekStart} className="input" disabled={pending}>
            {DAYS.map((d, i) => (
              <option key={d} value={i}>
                {d}
              </option>
            ))}
          </select>
        </div>
      </section>

      <section className="card" aria-labelledby="pref-freq-title">
        <h2 id="pref-freq-title" className="text-base font-semibold">
          Posting frequency
        </h2>
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
                      <label htmlFor={`min-${p.id}`} className="label">
                        Min per week
                      </label>
                      <input
                        id={`min-${p.id}`}
                        name={`min.${p.id}`}
                        type="number"
                        min={0}
                        max={500}
                        step={1}
                        inputMode="numeric"
                        defaultValue={f.min_per_week ?? ""}
                        className="input"
                        disabled={pending}
                      />
                    </div>
                    <div>
                      <label htmlFor={`max-${p.id}`} className="label">
                        Max per week
                      </label>
                      <input
                        id={`max-${p.id}`}
                        name={`max.${p.id}`}
                        type="number"
                        min={1}
                        max={500}
                        step={1}
                        inputMode="numeric"
                        defaultValue={f.max_per_week ?? ""}
                        className="input"
                        disabled={pending}
                      />
                    </div>
                  </div>
                </fieldset>
              );
            })}
          </div>
        )}
      </section>

      <FormError message={inWords(error)} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save preferences"}
        </button>
        {initial.updatedAt && (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="prefs-saved-at">
            Last saved {fmt.dateTime(initial.updatedAt)}
          </p>
        )}
      </div>
    </form>
  );
}
