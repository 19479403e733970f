"use client";
import { useState, useTransition } from "react";
import { cloneScheduleAction } from "@/app/_actions/schedules";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { FormError } from "@/components/ui/FormError";
import type { ScheduleDetails } from "@/lib/scheduling/details";

/** A second schedule of the same post: another time and/or another account; one press makes one. */
export function CloneForm({ details, onDone, onCancel }: { details: ScheduleDetails; onDone: (message: string) => void; onCancel: () => void }) {
  const ws = useWorkspaceId();
  const [date, setDate] = useState(details.localTime.slice(0, 10));
  const [time, setTime] = useState(details.localTime.slice(11, 16));
  const [zone, setZone] = useState(details.timezone);
  const [account, setAccount] = useState(
    details.accounts.some((a) => a.id === details.platformAccountId) ? details.platformAccountId : (details.accounts[0]?.id ?? ""),
  );
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const same =
    date === details.localTime.slice(0, 10) && time === details.localTime.slice(11, 16) && zone === details.timezone && account === details.platformAccountId;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (pending) return;
    setError(null);
    if (!date || !time) return setError("Pick a date and a time.");
    start(async () => {
      const res = await cloneScheduleAction(
        { id: details.id, to: { scheduled_time: `${date}T${time}`, timezone: zone.trim(), platform_account_id: account } },
        ws,
      );
      if (!res.ok) return setError(res.error.message);
      const name = details.accounts.find((a) => a.id === account)?.name ?? details.accountName;
      onDone(`Cloned “${details.title}” to ${date} ${time} ${zone.trim()} on ${name}.`);
    });
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Clone schedule">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Adds one more schedule of “{details.title}”, with the same retry settings. This one stays as it is.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor="cl-date" className="label">
            Date
          </label>
          <input id="cl-date" type="date" required className="input" value={date} onChange={(e) => setDate(e.target.value)} aria-describedby="cl-zone-hint" />
        </div>
        <div>
          <label htmlFor="cl-time" className="label">
            Time
          </label>
          <input id="cl-time" type="time" required className="input" value={time} onChange={(e) => setTime(e.target.value)} aria-describedby="cl-zone-hint" />
        </div>
        <p id="cl-zone-hint" className="col-span-2 text-xs text-slate-600 dark:text-slate-400">
          In {(zone.trim() || details.timezone).replaceAll("_", " ")}, the time zone below.
        </p>
      </div>
      <div>
        <label htmlFor="cl-zone" className="label">
          Time zone
        </label>
        <input id="cl-zone" className="input" required value={zone} onChange={(e) => setZone(e.target.value)} autoComplete="off" spellCheck={false} />
      </div>
      <div>
        <label htmlFor="cl-account" className="label">
          Account
        </label>
        <select id="cl-account" className="input" value={account} onChange={(e) => setAccount(e.target.value)}>
          {details.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} · {a.platformName}
              {a.status !== "active" ? ` (${a.status.replaceAll("_", " ")})` : ""}
            </option>
          ))}
        </select>
      </div>
      {same && (
        <p className="text-sm text-amber-800 dark:text-amber-200">
          Same time and account as this schedule: change one of them, or the post goes out twice there.
        </p>
      )}
      <FormError message={error} />
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Close
        </button>
        <button type="submit" className="btn-primary" disabled={pending || same}>
          {pending ? "Cloning…" : "Clone"}
        </button>
      </div>
    </form>
  );
}
