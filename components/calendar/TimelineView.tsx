"use client";
import Link from "next/link";
import type { CalendarEventData, ConflictData } from "@/lib/calendar/board";
import { PlatformIcon } from "@/components/ui/PlatformIcon";
import { EventChip } from "./EventChip";

type Account = { id: string; name: string; platform: string; status: string };

const dayLabel = (day: string) => new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

/** One row per account, one column per day of the week: who posts what, when. */
export function TimelineView({ days, accounts, events, conflicts, onShift }: { days: string[]; accounts: Account[]; events: CalendarEventData[]; conflicts: Map<string, ConflictData[]>; onShift: (days: number) => void }) {
  const cell = new Map<string, CalendarEventData[]>();
  for (const e of events) {
    const key = `${e.platform_account_id}|${e.start.slice(0, 10)}`;
    cell.set(key, [...(cell.get(key) ?? []), e]);
  }
  const rows = accounts.filter((a) => a.status !== "disabled" || events.some((e) => e.platform_account_id === a.id));
  return (
    <section aria-label="Timeline by account" className="card p-0">
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <button type="button" className="btn-secondary px-2 py-1" onClick={() => onShift(-7)} aria-label="Previous week">‹</button>
        <button type="button" className="btn-secondary px-2 py-1" onClick={() => onShift(7)} aria-label="Next week">›</button>
        <h2 className="text-sm font-semibold">
          {dayLabel(days[0] ?? "")} – {dayLabel(days[6] ?? "")}
        </h2>
      </div>
      {rows.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600 dark:text-slate-400">
          No accounts yet. <Link className="underline" href="/settings/accounts">Connect one</Link> to see its row here.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[56rem] table-fixed border-collapse text-xs">
            <thead>
              <tr>
                <th scope="col" className="w-40 border-b border-slate-200 px-2 py-2 text-left dark:border-slate-800">Account</th>
                {days.map((d) => (
                  <th key={d} scope="col" className="border-b border-l border-slate-200 px-2 py-2 text-left font-medium dark:border-slate-800">{dayLabel(d)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} data-testid="timeline-row">
                  <th scope="row" className="border-b border-slate-200 px-2 py-2 text-left align-top font-medium dark:border-slate-800">
                    <span className="flex items-center gap-1.5"><PlatformIcon platform={a.platform} /> <span className="truncate">{a.name}</span></span>
                  </th>
                  {days.map((d) => (
                    <td key={d} className="border-b border-l border-slate-200 p-1 align-top dark:border-slate-800">
                      <ul className="space-y-1">
                        {(cell.get(`${a.id}|${d}`) ?? []).map((e) => (
                          <li key={e.id}>
                            <Link href={`/content/${e.content_item_id}`} className="block">
                              <EventChip event={e} timeText={e.start.slice(11, 16)} conflicts={conflicts.get(e.id)} />
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
