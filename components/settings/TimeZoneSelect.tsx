"use client";
import { useMemo, useState, useSyncExternalStore } from "react";
import { zoneNames } from "@/lib/time/names";
import { useBrowserZone } from "@/components/ui/useBrowserZone";

const noop = () => () => {};
const NONE: string[] = [];

/** The browser's zone list and zone; empty on the server, so the first paint matches. */
function useBrowserZones() {
  const zones = useSyncExternalStore(noop, zoneNames, () => NONE);
  const browser = useBrowserZone();
  return { zones, browser };
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_]+/g, "_");

/** A time-zone picker: type to narrow the list, pick from it; offers the browser's zone. */
export function TimeZoneSelect({
  id,
  label,
  value,
  onChange,
  disabled,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (zone: string) => void;
  disabled?: boolean;
}) {
  const { zones, browser } = useBrowserZones();
  const [query, setQuery] = useState("");
  const hits = useMemo(() => {
    const q = norm(query.trim());
    return q ? zones.filter((z) => norm(z).includes(q)) : zones;
  }, [zones, query]);
  // The chosen zone stays in the list even when the search leaves it out.
  const options = hits.includes(value) ? hits : [value, ...hits];
  const matches = hits.length;

  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          type="search"
          id={`${id}-search`}
          aria-label={`Search ${label.toLowerCase()}`}
          placeholder="Search, e.g. Tokyo"
          className="input sm:max-w-48"
          value={query}
          disabled={disabled}
          onChange={(e) => {
            const q = e.target.value;
            setQuery(q);
            // One match left: pick it, so typing a city is enough.
            const hits = q.trim() ? zones.filter((z) => norm(z).includes(norm(q.trim()))) : [];
            if (hits.length === 1) onChange(hits[0]!);
          }}
        />
        <select id={id} className="input" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`}>
          {options.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, " ")}
            </option>
          ))}
        </select>
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {query.trim() ? `${matches} zone${matches === 1 ? "" : "s"} match “${query.trim()}”. ` : ""}
        {browser && browser !== value ? (
          <>
            Your browser is on {browser.replace(/_/g, " ")}.{" "}
            <button type="button" className="font-medium underline" disabled={disabled} onClick={() => onChange(browser)}>
              Use {browser.replace(/_/g, " ")}
            </button>
          </>
        ) : browser ? (
          "This is your browser's zone."
        ) : null}
      </p>
    </div>
  );
}
