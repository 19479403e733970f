"use client";
import { useMemo, useState } from "react";
import { zoneNames } from "@/lib/time/names";
import type { CalendarFilters as Filters } from "@/lib/calendar/board";
import { platformName } from "@/components/ui/PlatformIcon";
import { statusLabel } from "@/components/ui/StatusBadge";

type Account = { id: string; name: string; platform: string };
const STATUSES = ["pending", "paused", "publishing", "published", "failed", "dead_letter", "cancelled", "skipped", "expired"];

function zones(current: string): string[] {
  const all = zoneNames();
  return all.includes(current) ? all : [current, ...all];
}

function Select({
  label,
  value,
  onChange,
  options,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  testId?: string;
}) {
  return (
    <label className="flex min-w-0 flex-col text-xs font-medium text-slate-700 dark:text-slate-300">
      {label}
      <select className="input mt-1 h-9 py-1" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Zone picker and the filters (platform, account, status, tag); filters apply in the browser at once. */
export function CalendarFilters({
  zone,
  onZone,
  filters,
  onFilters,
  accounts,
  tags,
}: {
  zone: string;
  onZone: (z: string) => void;
  filters: Filters;
  onFilters: (f: Filters) => void;
  accounts: Account[];
  tags: string[];
}) {
  const zoneOptions = useMemo(() => zones(zone).map((z) => ({ value: z, label: z.replaceAll("_", " ") })), [zone]);
  const platforms = [...new Set(accounts.map((a) => a.platform))];
  const all = { value: "", label: "All" };
  const [open, setOpen] = useState(false);
  const set = (key: keyof Filters) => (v: string) => onFilters({ ...filters, [key]: key === "tag" ? v : v ? [v] : [] });
  return (
    <>
      <button type="button" className="btn-secondary mb-3 py-1 sm:hidden" aria-expanded={open} aria-controls="calendar-options" onClick={() => setOpen(!open)}>
        Filters
      </button>
      <div
        id="calendar-options"
        role="group"
        aria-label="Calendar options"
        className={`mb-3 grid-cols-2 gap-2 sm:grid sm:grid-cols-3 lg:grid-cols-5 ${open ? "grid" : "hidden"}`}
      >
        <Select label="Time zone" value={zone} onChange={onZone} options={zoneOptions} testId="calendar-zone" />
        <Select
          label="Platform"
          value={filters.platforms[0] ?? ""}
          onChange={set("platforms")}
          options={[all, ...platforms.map((p) => ({ value: p, label: platformName(p) }))]}
        />
        <Select
          label="Account"
          value={filters.accounts[0] ?? ""}
          onChange={set("accounts")}
          options={[all, ...accounts.map((a) => ({ value: a.id, label: a.name }))]}
        />
        <Select
          label="Status"
          value={filters.statuses[0] ?? ""}
          onChange={set("statuses")}
          options={[all, ...STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))]}
        />
        <Select label="Tag" value={filters.tag} onChange={set("tag")} options={[all, ...tags.map((t) => ({ value: t, label: `#${t}` }))]} />
      </div>
    </>
  );
}
