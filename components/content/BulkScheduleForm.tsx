"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { bulkScheduleItemsAction } from "@/app/_actions/content-list";
import { FormError } from "@/components/ui/FormError";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { useFormat } from "@/components/ui/FormatProvider";
import type { Outcome } from "./outcome";
import { brokenTitle, isBroken } from "@/lib/scheduling/targets";

export interface AccountOption {
  id: string;
  label: string;
  /** The account's state; one that needs reconnecting or is in error is shown but not offered. */
  status?: string;
}

const DAYS = [
  ["mon", "Mon"],
  ["tue", "Tue"],
  ["wed", "Wed"],
  ["thu", "Thu"],
  ["fri", "Fri"],
  ["sat", "Sat"],
  ["sun", "Sun"],
] as const;

/** Schedules the selection on a pattern: the server plans the slots and refuses all or none. */
export function BulkScheduleForm({
  ids,
  accounts,
  zone,
  onResult,
  onCancel,
}: {
  ids: string[];
  accounts: AccountOption[];
  zone: string;
  onResult: (o: Outcome & { schedules: number }) => void;
  onCancel: () => void;
}) {
  const ws = useWorkspaceId();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [type, setType] = useState("daily");
  const fmt = useFormat();
  // Tomorrow and two weeks on, as days in the person's zone.
  const [defaults] = useState(() => ({ from: fmt.toDateInput(Date.now() + 86_400_000), to: fmt.toDateInput(Date.now() + 14 * 86_400_000) }));
  const [zoneField, setZoneField] = useState(zone);
  const zoneShown = (zoneField.trim() || zone).replaceAll("_", " ");

  const usable = accounts.filter((a) => !isBroken(a.status ?? "active"));
  const broken = accounts.filter((a) => isBroken(a.status ?? "active"));
  if (!usable.length && !broken.length) {
    return (
      <p className="text-sm">
        Scheduling needs an account to publish to.{" "}
        <Link href="/settings/accounts" className="underline">
          Add one in Settings → Accounts
        </Link>
        .
      </p>
    );
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const times = String(f.get("times") ?? "")
      .split(/[,;\s]+/)
      .filter(Boolean);
    const pattern = {
      type,
      start_date: String(f.get("start_date") ?? ""),
      end_date: String(f.get("end_date") ?? ""),
      ...(times.length ? { times } : {}),
      ...(type === "weekly_slots" ? { days: f.getAll("days").map(String) } : {}),
      timezone: String(f.get("timezone") ?? "").trim() || zone,
    };
    const accountIds = f.getAll("accounts").map(String);
    setError(null);
    start(async () => {
      const r = await bulkScheduleItemsAction({ content_item_ids: ids, platform_account_ids: accountIds, pattern }, ws);
      if (!r.ok) return setError(r.error.message);
      onResult(r.data);
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Schedule the selected posts" noValidate>
      <fieldset className="sm:col-span-2 lg:col-span-3">
        <legend className="label">Publish to</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {usable.map((a, i) => (
            <label key={a.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="accounts" value={a.id} defaultChecked={i === 0} />
              {a.label}
            </label>
          ))}
          {broken.map((a) => (
            <span key={a.id} className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400" data-testid="bulk-broken-account">
              <input type="checkbox" disabled aria-label={`${a.label}: ${brokenTitle(a.status!).toLowerCase()}`} />
              <span>
                {a.label} — {brokenTitle(a.status!).toLowerCase()},{" "}
                <Link href="/settings/accounts" className="underline">
                  reconnect
                </Link>
              </span>
            </span>
          ))}
        </div>
        {!usable.length && <p className="mt-1 text-sm">No account can take posts right now: reconnect one first.</p>}
      </fieldset>
      <div>
        <label htmlFor="bulk-pattern" className="label">
          Pattern
        </label>
        <select id="bulk-pattern" className="input" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="daily">Every day, first free times first</option>
          <option value="weekly_slots">On chosen weekdays</option>
          <option value="spread">Spread evenly, one a day at most</option>
          <option value="best_times">At the best free times of each account</option>
        </select>
        {type === "best_times" && (
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="bulk-best-hint">
            Each post goes to each account&apos;s best-scoring free time in the range, keeping its gap, daily cap, blackouts and your weekly limits.
          </p>
        )}
      </div>
      <div>
        <label htmlFor="bulk-from" className="label">
          From <span className="font-normal text-slate-600 dark:text-slate-400">(day in {zoneShown})</span>
        </label>
        <input id="bulk-from" name="start_date" type="date" required defaultValue={defaults.from} className="input" />
      </div>
      <div>
        <label htmlFor="bulk-to" className="label">
          To <span className="font-normal text-slate-600 dark:text-slate-400">(day in {zoneShown})</span>
        </label>
        <input id="bulk-to" name="end_date" type="date" required defaultValue={defaults.to} className="input" />
      </div>
      {type !== "best_times" && (
        <div>
          <label htmlFor="bulk-times" className="label">
            Times (HH:mm, comma-separated) <span className="font-normal text-slate-600 dark:text-slate-400">in {zoneShown}</span>
          </label>
          <input id="bulk-times" name="times" defaultValue="09:00" className="input" />
        </div>
      )}
      <div>
        <label htmlFor="bulk-zone" className="label">
          Time zone
        </label>
        <input
          id="bulk-zone"
          name="timezone"
          value={zoneField}
          onChange={(e) => setZoneField(e.target.value)}
          className="input"
          aria-describedby="bulk-zone-hint"
        />
        <p id="bulk-zone-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          Days and times above are wall times in this zone.
        </p>
      </div>
      {type === "weekly_slots" && (
        <fieldset>
          <legend className="label">Weekdays</legend>
          <div className="flex flex-wrap gap-x-3 gap-y-1">
            {DAYS.map(([v, l]) => (
              <label key={v} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name="days" value={v} defaultChecked={v === "mon" || v === "wed" || v === "fri"} />
                {l}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="sm:col-span-2 lg:col-span-3">
        <FormError message={error} />
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Scheduling…" : `Schedule ${ids.length} post${ids.length === 1 ? "" : "s"}`}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
