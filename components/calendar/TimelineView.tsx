"use client";
import Link from "next/link";
import { instantOf, type CalendarEventData, type ConflictData } from "@/lib/calendar/board";
import { PlatformIcon } from "@/components/ui/PlatformIcon";
import type { Format } from "@/lib/format";
import { EventChip } from "./EventChip";

type Account = { id: string; name: string; platform: string; status: string };

/**
 * One row per account, one column per day of the week: who posts what, when. It fits its column
 * on a desktop (no sideways scrolling at 1280 px); on a phone the week is a list of days instead.
 */
export function TimelineView({
  fmt: f,
  days,
  accounts,
  events,
  conflicts,
  onShift,
}: {
  fmt: Format;
  days: string[];
  accounts: Account[];
  events: CalendarEventData[];
  conflicts: Map<string, ConflictData[]>;
  onShift: (days: number) => void;
}) {
  // A day is named at its noon in the zone: the same day whatever the zone's offset or DST.
  const fmt = { day: (d: string) => (d ? f.day(instantOf(`${d}T12:00`, f.timeZone)) : ""), time: (iso: string) => f.time(iso) };
  const cell = new Map<string, CalendarEventData[]>();
  for (const e of events) {
    const key = `${e.platform_account_id}|${e.start.slice(0, 10)}`;
    cell.set(key, [...(cell.get(key) ?? []), e]);
  }
  const rows = accounts.filter((a) => a.status !== "disabled" || events.some((e) => e.platform_account_id === a.id));
  const chip = (e: CalendarEventData) => (
    <Link href={`/content/${e.content_item_id}`} className="block">
      <EventChip event={e} timeText={fmt.time(e.start)} conflicts={conflicts.get(e.id)} wrap />
    </Link>
  );
  return (
    <section aria-label="Timeline by account" className="card p-0">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <button type="button" className="btn-secondary px-2 py-1" onClick={() => onShift(-7)} aria-label="Previous week">
          ‹
        </button>
        <button type="button" className="btn-secondary px-2 py-1" onClick={() => onShift(7)} aria-label="Next week">
          ›
        </button>
        <h2 className="text-sm font-semibold" data-testid="timeline-title">
          {fmt.day(days[0] ?? "")} – {fmt.day(days[6] ?? "")}
        </h2>
      </div>
      {rows.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600 dark:text-slate-400">
          No accounts yet.{" "}
          <Link className="underline" href="/settings/accounts">
            Connect one
          </Link>{" "}
          to see its row here.
        </p>
      ) : (
        <>
          <table className="hidden w-full table-fixed border-collapse text-xs sm:table">
            <thead>
              <tr>
                <th scope="col" className="w-28 border-b border-slate-200 px-2 py-2 text-left lg:w-32 dark:border-slate-800">
                  Account
                </th>
                {days.map((d) => (
                  <th key={d} scope="col" className="border-b border-l border-slate-200 px-1 py-2 text-left font-medium dark:border-slate-800">
                    {fmt.day(d)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} data-testid="timeline-row">
                  <th scope="row" className="border-b border-slate-200 px-2 py-2 text-left align-top font-medium dark:border-slate-800">
                    <span className="flex min-w-0 items-start gap-1.5">
                      <PlatformIcon platform={a.platform} /> <span className="min-w-0 [overflow-wrap:anywhere]">{a.name}</span>
                    </span>
                  </th>
                  {days.map((d) => (
                    <td key={d} className="border-b border-l border-slate-200 p-0.5 align-top dark:border-slate-800">
                      <ul className="space-y-1">
                        {(cell.get(`${a.id}|${d}`) ?? []).map((e) => (
                          <li key={e.id}>{chip(e)}</li>
                        ))}
                      </ul>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <ol className="divide-y divide-slate-200 sm:hidden dark:divide-slate-800" aria-label="Days of the week">
            {days.map((d) => {
              const todays = rows.flatMap((a) => (cell.get(`${a.id}|${d}`) ?? []).map((e) => ({ a, e })));
              return (
                <li key={d} className="px-3 py-2 text-xs">
                  <h3 className="font-semibold">{fmt.day(d)}</h3>
                  {todays.length === 0 ? (
                    <p className="text-slate-600 dark:text-slate-400">Nothing planned.</p>
                  ) : (
                    <ul className="mt-1 space-y-1">
                      {todays.map(({ a, e }) => (
                        <li key={e.id} data-testid="timeline-item">
                          <span className="mb-0.5 flex items-center gap-1 text-slate-600 dark:text-slate-400">
                            <PlatformIcon platform={a.platform} /> {a.name}
                          </span>
                          {chip(e)}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
