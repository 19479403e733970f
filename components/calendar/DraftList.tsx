"use client";
import { useEffect, useRef } from "react";
import Link from "next/link";
import { Draggable } from "@fullcalendar/react/interaction";
import { brokenTitle, isBroken } from "@/lib/scheduling/targets";

export type Draft = { id: string; title: string; status: string; contentType: string; tags: string[]; preview: string };
type Account = { id: string; name: string; platform: string; status: string };

/**
 * Unscheduled content, draggable onto the calendar. A dropped draft is scheduled on the accounts
 * ticked here (the server checks them, as for any new schedule; the choice is remembered per
 * person). Failed posts are not unscheduled: they are counted under "Needs attention", as on the
 * job monitor, where they can be retried.
 */
export function DraftList({
  drafts,
  accounts,
  selected,
  onSelect,
  failedCount,
}: {
  drafts: Draft[];
  accounts: Account[];
  selected: string[];
  onSelect: (ids: string[]) => void;
  failedCount: number;
}) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!list.current) return;
    const d = new Draggable(list.current, {
      itemSelector: "[data-draft-id]",
      eventData: (el) => ({ title: el.dataset.title ?? "", duration: "00:30", create: false }),
    });
    return () => d.destroy();
  }, []);
  const usable = accounts.filter((a) => a.status === "active");
  // Shown, not offered: a draft dropped on one of these would only fail when due.
  const broken = accounts.filter((a) => isBroken(a.status));
  return (
    <section aria-labelledby="drafts-title" className="card min-w-0 p-3">
      {failedCount > 0 && (
        <p
          className="mb-3 rounded-md border border-red-300 bg-red-50 px-2 py-1.5 text-xs text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          data-testid="calendar-needs-attention"
        >
          <Link className="font-semibold underline" href="/jobs">
            Needs attention ({failedCount})
          </Link>
          : {failedCount === 1 ? "a post" : "posts"} that failed, to retry or reschedule.
        </p>
      )}
      <h2 id="drafts-title" className="text-sm font-semibold">
        Unscheduled
      </h2>
      <fieldset className="mt-2">
        <legend className="text-xs text-slate-600 dark:text-slate-400">Drop onto these accounts</legend>
        {usable.length === 0 ? (
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            <Link className="underline" href="/settings/accounts">
              Connect an account
            </Link>{" "}
            to schedule drafts.
          </p>
        ) : (
          <ul className="mt-1 space-y-1">
            {usable.map((a) => (
              <li key={a.id}>
                <label className="flex items-center gap-2 text-xs">
                  <input
                    type="checkbox"
                    checked={selected.includes(a.id)}
                    onChange={(e) => onSelect(e.target.checked ? [...selected, a.id] : selected.filter((x) => x !== a.id))}
                  />
                  <span className="min-w-0 [overflow-wrap:anywhere]">{a.name}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {broken.length > 0 && (
          <ul className="mt-1 space-y-1 text-xs text-slate-600 dark:text-slate-400" aria-label="Accounts that cannot take posts">
            {broken.map((a) => (
              <li key={a.id} data-testid="draft-broken-account">
                <span className="line-through">{a.name}</span> — {brokenTitle(a.status).toLowerCase()},{" "}
                <Link className="underline" href="/settings/accounts">
                  reconnect
                </Link>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {drafts.length === 0 ? (
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
          No unscheduled content.{" "}
          <Link className="underline" href="/content/new">
            Write a post
          </Link>{" "}
          and it appears here, ready to drop on a day.
        </p>
      ) : (
        <ul ref={list} className="mt-3 max-h-[28rem] space-y-2 overflow-y-auto" aria-label="Drafts to drag onto the calendar">
          {drafts.map((d) => (
            <li
              key={d.id}
              data-draft-id={d.id}
              data-title={d.title}
              data-testid="draft-item"
              className="cursor-grab rounded-md border border-slate-200 bg-white p-2 text-xs shadow-sm active:cursor-grabbing dark:border-slate-700 dark:bg-slate-950"
            >
              <div className="line-clamp-2 font-medium [overflow-wrap:anywhere]" title={d.title}>
                {d.title}
              </div>
              <div className="truncate text-slate-600 dark:text-slate-400">{d.preview}</div>
              <div className="mt-1 flex items-center justify-between gap-2 text-slate-600 dark:text-slate-400">
                <span>{d.status.replace("_", " ")}</span>
                <Link className="underline" href={`/content/${d.id}`}>
                  Open
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
