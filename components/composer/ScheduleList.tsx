import { describeLocal } from "@/lib/composer/schedule";
import type { ScheduleSummary } from "@/lib/composer/types";
import { StatusBadge } from "@/components/ui/StatusBadge";

/** Where and when this content goes out, as wall times in each schedule's own zone. */
export function ScheduleList({ schedules }: { schedules: ScheduleSummary[] }) {
  return (
    <section className="card" aria-labelledby="schedules-h">
      <h2 id="schedules-h" className="text-base font-semibold">Schedules</h2>
      {schedules.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Not scheduled yet. Pick accounts and a time, then press Schedule.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200 dark:divide-slate-800" data-testid="schedule-list">
          {schedules.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span className="min-w-0">
                <span className="font-medium">{describeLocal(s.localTime)}</span> <span className="text-slate-600 dark:text-slate-400">{s.timezone}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{s.accountName} · {s.platformName}{s.recurring && " · repeats"}</span>
              </span>
              <StatusBadge status={s.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
