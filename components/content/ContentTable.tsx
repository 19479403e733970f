"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { listHref, type ListParams } from "./listQuery";

export interface ContentRowView {
  id: string;
  title: string;
  excerpt: string;
  status: string;
  contentType: string;
  tags: string[];
  /** Already formatted in the member's zone, so server and browser print the same. */
  scheduled: string | null;
  scheduledIso: string | null;
  updated: string;
  updatedIso: string;
  author: string | null;
}

const SORTABLE = { title: "Title", scheduled_for: "Scheduled", updated_at: "Edited" } as const;

function SortHeader({ field, params, className }: { field: keyof typeof SORTABLE; params: ListParams; className?: string }) {
  const sort = params.sort ?? "-created_at";
  const current = sort.replace(/^-/, "") === field ? (sort.startsWith("-") ? "descending" : "ascending") : undefined;
  // Text sorts start A→Z; dates start with the latest.
  const next = current === "ascending" ? `-${field}` : current === "descending" ? field : field === "title" ? field : `-${field}`;
  return (
    <th scope="col" aria-sort={current ?? "none"} className={`px-2 py-2 font-medium sm:px-3 ${className ?? ""}`}>
      <Link href={listHref(params, { sort: next })} className="inline-flex items-center gap-1 underline-offset-2 hover:underline">
        {SORTABLE[field]}
        <span aria-hidden="true">{current === "ascending" ? "▲" : current === "descending" ? "▼" : "↕"}</span>
        <span className="sr-only">{current ? `, sorted ${current}; sort the other way` : ", sort by this"}</span>
      </Link>
    </th>
  );
}

/** The list: a table that drops its minor columns on a phone (each row keeps title, status and date). */
export function ContentTable({
  rows,
  params,
  selectable,
  selected,
  onToggle,
  onToggleAll,
}: {
  rows: ContentRowView[];
  params: ListParams;
  selectable: boolean;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: (on: boolean) => void;
}) {
  const all = useRef<HTMLInputElement>(null);
  const count = rows.filter((r) => selected.has(r.id)).length;
  useEffect(() => {
    if (all.current) all.current.indeterminate = count > 0 && count < rows.length;
  }, [count, rows.length]);
  return (
    <div className="card overflow-x-auto p-0">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Content items</caption>
        <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-400">
          <tr>
            {selectable && (
              <th scope="col" className="w-10 px-2 py-2 sm:px-3">
                <input
                  ref={all}
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={rows.length > 0 && count === rows.length}
                  onChange={(e) => onToggleAll(e.target.checked)}
                  className="h-4 w-4"
                />
              </th>
            )}
            <SortHeader field="title" params={params} />
            <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell sm:px-3">
              Status
            </th>
            <SortHeader field="scheduled_for" params={params} className="hidden sm:table-cell" />
            <th scope="col" className="hidden px-2 py-2 font-medium sm:px-3 lg:table-cell">
              Tags
            </th>
            <SortHeader field="updated_at" params={params} className="hidden md:table-cell" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.id} data-testid="content-row" data-id={r.id} className={`align-top ${selected.has(r.id) ? "bg-brand-50 dark:bg-slate-800/60" : ""}`}>
              {selectable && (
                <td className="px-2 py-3 sm:px-3">
                  <input type="checkbox" aria-label={`Select ${r.title}`} checked={selected.has(r.id)} onChange={() => onToggle(r.id)} className="h-4 w-4" />
                </td>
              )}
              <td className="w-full max-w-0 px-2 py-3 sm:px-3">
                <Link href={`/content/${r.id}`} className="block truncate font-medium underline-offset-2 hover:underline" data-testid="content-title">
                  {r.title}
                </Link>
                <div className="truncate text-xs text-slate-600 dark:text-slate-400">
                  {r.contentType}
                  {r.author ? ` · ${r.author}` : ""}
                  {r.excerpt ? ` · ${r.excerpt}` : ""}
                </div>
                <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 sm:hidden dark:text-slate-400">
                  <StatusBadge status={r.status} />
                  {r.scheduled ? `Scheduled ${r.scheduled}` : "Not scheduled"}
                </div>
              </td>
              <td className="hidden px-2 py-3 sm:table-cell sm:px-3">
                <StatusBadge status={r.status} />
              </td>
              <td className="hidden whitespace-nowrap px-2 py-3 sm:table-cell sm:px-3">
                {r.scheduled && r.scheduledIso ? <time dateTime={r.scheduledIso}>{r.scheduled}</time> : "—"}
              </td>
              <td className="hidden px-2 py-3 sm:px-3 lg:table-cell">
                {r.tags.length ? (
                  <ul className="flex flex-wrap gap-1">
                    {r.tags.map((t) => (
                      <li key={t}>
                        <Link href={listHref(params, { tags: t })} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs hover:underline dark:bg-slate-800">
                          #{t}
                        </Link>
                      </li>
                    ))}
                  </ul>
                ) : (
                  "—"
                )}
              </td>
              <td className="hidden whitespace-nowrap px-2 py-3 sm:px-3 md:table-cell">
                <time dateTime={r.updatedIso}>{r.updated}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
