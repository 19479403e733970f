"use client";
import { useState } from "react";
import { localToUtc, parseLocal } from "@/lib/time";
import { TimeZoneSelect } from "./TimeZoneSelect";

export interface BlackoutDraft {
  startLocal: string;
  endLocal: string;
  accountId: string | null;
  reason: string | null;
}

/**
 * Start, end, account and reason inputs; `prefix` keeps ids unique when several forms show. The
 * times are wall times in a zone the person picks (their own by default): "09:00 in New York" for
 * a launch there is typed as such, not converted by hand.
 */
export function BlackoutFields({
  prefix,
  zone: initialZone,
  accounts,
  value,
  disabled,
}: {
  prefix: string;
  zone: string;
  accounts: { id: string; name: string }[];
  value?: BlackoutDraft;
  disabled?: boolean;
}) {
  const [zone, setZone] = useState(initialZone);
  return (
    <>
      <div className="col-span-full">
        <TimeZoneSelect id={`${prefix}-zone`} label="Times are in" value={zone} onChange={setZone} disabled={disabled} />
        <input type="hidden" name="zone" value={zone} />
      </div>
      <div>
        <label htmlFor={`${prefix}-start`} className="label">
          Starts <span className="font-normal text-slate-500 dark:text-slate-400">({zone})</span>
        </label>
        <input id={`${prefix}-start`} name="start" type="datetime-local" required className="input" defaultValue={value?.startLocal} disabled={disabled} />
      </div>
      <div>
        <label htmlFor={`${prefix}-end`} className="label">
          Ends <span className="font-normal text-slate-500 dark:text-slate-400">({zone})</span>
        </label>
        <input id={`${prefix}-end`} name="end" type="datetime-local" required className="input" defaultValue={value?.endLocal} disabled={disabled} />
      </div>
      <div>
        <label htmlFor={`${prefix}-account`} className="label">
          Applies to
        </label>
        <select id={`${prefix}-account`} name="account" className="input" defaultValue={value?.accountId ?? ""} disabled={disabled}>
          <option value="">All accounts</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${prefix}-reason`} className="label">
          Reason <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
        </label>
        <input
          id={`${prefix}-reason`}
          name="reason"
          maxLength={200}
          className="input"
          placeholder="Company holiday"
          defaultValue={value?.reason ?? ""}
          disabled={disabled}
        />
      </div>
    </>
  );
}

type Read =
  | { ok: true; input: { starts_at: string; ends_at: string; platform_account_id: string | null; reason: string | null } }
  | { ok: false; message: string };

function instant(raw: string, zone: string, what: string): { ok: true; iso: string } | { ok: false; message: string } {
  const local = parseLocal(raw);
  if (!local) return { ok: false, message: `Enter when the blackout ${what}.` };
  const r = localToUtc(local, zone);
  if (!r.ok) return { ok: false, message: `The ${what === "starts" ? "start" : "end"} does not exist in ${zone}: ${r.message}` };
  return { ok: true, iso: r.instant.toISOString() };
}

/** The form's wall times read in the zone it names (else `fallbackZone`), as the API's instants. */
export function readBlackoutForm(form: FormData, fallbackZone: string): Read {
  const zone = String(form.get("zone") ?? "") || fallbackZone;
  const start = instant(String(form.get("start") ?? ""), zone, "starts");
  if (!start.ok) return start;
  const end = instant(String(form.get("end") ?? ""), zone, "ends");
  if (!end.ok) return end;
  const reason = String(form.get("reason") ?? "").trim();
  return {
    ok: true,
    input: { starts_at: start.iso, ends_at: end.iso, platform_account_id: String(form.get("account") ?? "") || null, reason: reason || null },
  };
}
