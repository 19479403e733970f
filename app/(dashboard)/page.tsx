import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/app/_server/session";
import { scheduleCounts, upcomingSchedules } from "@/db/queries/overview";
import { PageHeader } from "@/components/ui/PageHeader";
import { StatusBadge } from "@/components/ui/StatusBadge";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { db, actor } = await requireMember();
  const [counts, upcoming] = await Promise.all([scheduleCounts(db, actor.workspaceId), upcomingSchedules(db, actor.workspaceId)]);
  const fmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const stats = [
    { label: "Scheduled", value: counts.pending ?? 0 },
    { label: "Published", value: counts.published ?? 0 },
    { label: "Failed", value: (counts.failed ?? 0) + (counts.dead_letter ?? 0) },
  ];
  return (
    <>
      <PageHeader title="Overview" description="What is going out next, and how publishing went." />
      <section aria-label="Totals" className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-3">
        {stats.map((s) => (
          <div key={s.label} className="card">
            <div className="text-sm text-slate-600 dark:text-slate-400">{s.label}</div>
            <div className="mt-1 text-3xl font-semibold" data-testid={`stat-${s.label.toLowerCase()}`}>{s.value}</div>
          </div>
        ))}
      </section>
      <section className="card p-0">
        <h2 className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800">Upcoming</h2>
        {upcoming.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600 dark:text-slate-400">Nothing scheduled yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {upcoming.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <div className="truncate font-medium">{s.title}</div>
                  <div className="truncate text-sm text-slate-600 dark:text-slate-400">{s.preview}</div>
                </div>
                <div className="text-sm text-slate-600 dark:text-slate-400">
                  {s.accountName} · <time dateTime={s.scheduledTime.toISOString()}>{fmt.format(s.scheduledTime)} UTC</time>
                </div>
                <StatusBadge status={s.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="mt-6 flex flex-wrap gap-2">
        <Link href="/settings/team" className="btn-secondary">Invite your team</Link>
        <Link href="/settings/tokens" className="btn-secondary">Create an API token</Link>
      </div>
    </>
  );
}
