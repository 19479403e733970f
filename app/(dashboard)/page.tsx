import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/app/_server/session";
import { publishingOverview } from "@/lib/scheduling/overview";
import { formatFor } from "@/app/_server/format";
import { LiveRefresh } from "@/components/jobs/LiveRefresh";
import { PageHeader } from "@/components/ui/PageHeader";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { can } from "@/lib/auth/permissions";
import { PlatformIcon } from "@/components/ui/PlatformIcon";
import { BrokenAccountsNotice } from "@/components/accounts/BrokenAccountsNotice";
import { DecisionList } from "@/components/decisions/DecisionList";
import { ZoneNote } from "@/components/schedules/ZoneNote";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { db, actor } = await requireMember();
  const f = await formatFor(db, actor);
  // "Today" is the person's day, from their midnight.
  const todayStart = f.fromInput(f.toDateInput(new Date())) ?? undefined;
  const { counts, upcoming, stats: o } = await publishingOverview(db, actor, todayStart);
  const canWrite = can(actor.role, "content:write");
  const stats: { label: string; id: string; value: string | number; href?: string; alert?: boolean }[] = [
    { label: "Scheduled", id: "scheduled", value: f.number(o.active) },
    { label: "Due now", id: "due", value: f.number(o.dueNow), href: "/jobs" },
    { label: "Published today", id: "today", value: f.number(o.publishedToday) },
    {
      label: "Success rate, 7 days",
      id: "success",
      value: o.successRate7d === null ? "—" : f.number(o.successRate7d, { style: "percent", maximumFractionDigits: 1 }),
    },
    { label: "Published", id: "published", value: f.number(counts.published ?? 0) },
    { label: "Failed", id: "failed", value: f.number(o.failed), href: "/jobs", alert: o.failed > 0 },
    { label: "Accounts to reconnect", id: "reconnect", value: f.number(o.needsReconnect), href: "/settings/accounts", alert: o.needsReconnect > 0 },
  ];
  return (
    <>
      <PageHeader title="Overview" description="What is going out next, and how publishing went." actions={<LiveRefresh />} />
      <BrokenAccountsNotice db={db} actor={actor} />
      <DecisionList db={db} actor={actor} format={f} />
      <section aria-label="Totals" className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
        {stats.map((s) => {
          const body = (
            <>
              <div className="text-sm text-slate-600 dark:text-slate-400">{s.label}</div>
              <div className={`mt-1 text-3xl font-semibold ${s.alert ? "text-red-700 dark:text-red-300" : ""}`} data-testid={`stat-${s.id}`}>
                {s.value}
              </div>
            </>
          );
          return s.href ? (
            <Link key={s.id} href={s.href} className="card block hover:border-brand-600">
              {body}
            </Link>
          ) : (
            <div key={s.id} className="card">
              {body}
            </div>
          );
        })}
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
                <div className="flex items-center gap-1.5 text-sm text-slate-600 dark:text-slate-400">
                  <PlatformIcon platform={s.platform} />
                  {s.accountName} · <time dateTime={s.scheduledTime.toISOString()}>{f.dateTime(s.scheduledTime)}</time>
                  <ZoneNote f={f} at={s.scheduledTime} zone={s.timezone} />
                </div>
                <StatusBadge status={s.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="mt-6 flex flex-wrap gap-2">
        {canWrite && (
          <Link href="/content/new" className="btn-primary">
            New post
          </Link>
        )}
        {canWrite && (
          <Link href="/content?import=1" className="btn-secondary">
            Bulk import (CSV)
          </Link>
        )}
        <Link href="/calendar" className="btn-secondary">
          Open calendar
        </Link>
        <Link href="/jobs" className="btn-secondary">
          Job monitor
        </Link>
        <Link href="/settings/accounts" className="btn-secondary">
          Connect an account
        </Link>
        <Link href="/settings/team" className="btn-secondary">
          Invite your team
        </Link>
        <Link href="/settings/tokens" className="btn-secondary">
          Create an API token
        </Link>
      </div>
    </>
  );
}
