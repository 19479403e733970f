"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useFormat } from "@/components/ui/FormatProvider";
import { SORTS, type ListParams } from "./listQuery";

export interface Option {
  value: string;
  label: string;
}

/**
 * Search, filters and sort as a plain GET form (the URL is the state, so a filtered list can be
 * shared and the back button works). `?focus=search` (the `/` shortcut from another page) focuses the search box.
 */
export function ContentFilters({
  params,
  statuses,
  platforms,
  focusSearch,
  ignored,
}: {
  params: ListParams;
  statuses: Option[];
  platforms: Option[];
  focusSearch: boolean;
  ignored: string[];
}) {
  const search = useRef<HTMLInputElement>(null);
  const zone = useFormat().timeZone.replaceAll("_", " ");
  useEffect(() => {
    if (focusSearch) search.current?.focus();
  }, [focusSearch]);
  const filtered = ["q", "status", "platform", "tags", "date_from", "date_to"].some((k) => params[k as keyof ListParams]);
  return (
    <form method="get" action="/content" role="search" aria-label="Search and filter content" className="card mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
      <div className="col-span-2">
        <label htmlFor="f-q" className="label">
          Search
        </label>
        <input
          ref={search}
          id="f-q"
          name="q"
          type="search"
          defaultValue={params.q ?? ""}
          placeholder="Words in the title or text"
          className="input"
          maxLength={200}
        />
      </div>
      <div>
        <label htmlFor="f-status" className="label">
          Status
        </label>
        <select id="f-status" name="status" defaultValue={params.status ?? ""} className="input">
          <option value="">Any</option>
          {statuses.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-platform" className="label">
          Platform
        </label>
        <select id="f-platform" name="platform" defaultValue={params.platform ?? ""} className="input">
          <option value="">Any</option>
          {platforms.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-tags" className="label">
          Tag
        </label>
        <input id="f-tags" name="tags" defaultValue={params.tags ?? ""} placeholder="launch, news" className="input" />
      </div>
      <div>
        <label htmlFor="f-from" className="label">
          Scheduled from <span className="font-normal text-slate-600 dark:text-slate-400">(day in {zone})</span>
        </label>
        <input id="f-from" name="date_from" type="date" defaultValue={params.date_from?.slice(0, 10) ?? ""} className="input" />
      </div>
      <div>
        <label htmlFor="f-to" className="label">
          Scheduled to <span className="font-normal text-slate-600 dark:text-slate-400">(day in {zone})</span>
        </label>
        <input id="f-to" name="date_to" type="date" defaultValue={params.date_to?.slice(0, 10) ?? ""} className="input" />
      </div>
      <div>
        <label htmlFor="f-sort" className="label">
          Sort
        </label>
        <select id="f-sort" name="sort" defaultValue={params.sort ?? "-created_at"} className="input">
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
          {params.sort && !SORTS.some((s) => s.value === params.sort) && <option value={params.sort}>{params.sort}</option>}
        </select>
      </div>
      <div className="col-span-2 flex items-end gap-2 md:col-span-4">
        <button type="submit" className="btn-primary">
          Apply
        </button>
        {filtered && (
          <Link href={params.sort ? `/content?sort=${encodeURIComponent(params.sort)}` : "/content"} className="btn-secondary">
            Clear filters
          </Link>
        )}
        {ignored.length > 0 && (
          <p role="status" className="text-sm text-amber-800 dark:text-amber-200">
            Ignored unreadable filter{ignored.length > 1 ? "s" : ""}: {ignored.join(", ")}.
          </p>
        )}
      </div>
    </form>
  );
}
