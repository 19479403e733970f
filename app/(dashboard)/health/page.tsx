import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { getDatabase } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { checkHealth } from "@/lib/health";
import { processRunnerStatus } from "@/jobs/runner/process";
import { liveRunners } from "@/jobs/runner/local";
import { PageHeader } from "@/components/ui/PageHeader";
import { listAccountSummaries } from "@/lib/accounts/manage";
import { recentFailedAttempts } from "@/lib/publishing/monitor";
import { platformName } from "@/adapters/registry";
import { formatFor } from "@/app/_server/format";
import { listAlerts } from "@/lib/alerts/manage";
import { healthHistory } from "@/lib/health-history/read";
import { can } from "@/lib/auth/permissions";
import { HealthTimeline } from "@/components/health/HealthTimeline";
import { AlertList } from "@/components/health/AlertList";
import { ChangeList } from "@/components/health/ChangeList";
import { alertItems, changeItems, timelineAxis, timelineRows } from "./view";
import Link from "next/link";

export const metadata: Metadata = { title: "Health" };

export default async function HealthPage() {
  const { db, actor } = await requireMember();
  const now = new Date();
  const [health, runners, accounts, recentErrors, f, open, past, history] = await Promise.all([
    checkHealth(getDatabase, getConfig().dbDriver, processRunnerStatus()),
    liveRunners(db),
    listAccountSummaries(db, actor),
    recentFailedAttempts(db, actor, 5),
    formatFor(db, actor),
    listAlerts(db, actor, { limit: 50 }).then((rows) => rows.filter((r) => r.state !== "resolved")),
    listAlerts(db, actor, { state: "resolved", limit: 20, since: new Date(now.getTime() - 7 * 86_400_000) }),
    healthHistory(db, actor, 24, now),
  ]);
  const when = (d: Date | null) => (d ? f.dateTime(d, { seconds: true }) : "never");
  const rows: [string, string][] = [
    ["Status", health.status],
    ["Database", `${health.db.driver} · ${health.db.ok ? `ok (${f.duration(health.db.latency_ms ?? 0)})` : health.db.error}`],
    [
      "Job runner (this server)",
      `${health.runner.driver} · ${health.runner.state}${health.runner.lag_ms !== null ? ` · last beat ${f.duration(Math.round(health.runner.lag_ms / 1000) * 1000)} ago` : ""}`,
    ],
    ["Live runners (all processes)", f.number(runners.length)],
    [
      "Queue",
      health.queue
        ? `${health.queue.due ? `${f.number(health.queue.due)} due now · oldest waiting ${f.duration(health.queue.oldest_due_seconds * 1000)}` : "nothing due"} · ${f.number(health.queue.publishing)} publishing`
        : "unknown",
    ],
    ["Version", health.version],
  ];
  return (
    <>
      <PageHeader title="Health" description="The same facts /api/health reports, for people, with the last day of them and the alerts they raised." />
      <dl className="card divide-y divide-slate-100 p-0 dark:divide-slate-800">
        {rows.map(([k, v]) => (
          <div key={k} className="grid grid-cols-1 gap-1 px-4 py-3 sm:grid-cols-3">
            <dt className="text-sm text-slate-600 dark:text-slate-400">{k}</dt>
            <dd className="text-sm font-medium sm:col-span-2">{v}</dd>
          </div>
        ))}
      </dl>
      <section id="alerts" className="card mt-5 p-0" aria-labelledby="health-alerts">
        <div className="flex flex-wrap items-center justify-between gap-2 px-4 pt-4">
          <h2 id="health-alerts" className="text-base font-semibold">
            Open alerts
          </h2>
          <Link href="/settings/alerts" className="text-sm underline">
            {can(actor.role, "alerts:manage") ? "Edit alert rules" : "Alert rules"}
          </Link>
        </div>
        <AlertList items={alertItems(open, f, now)} empty="No open alerts." testId="open-alert" />
      </section>
      <section id="history" className="card mt-5 p-0" aria-labelledby="health-history">
        <h2 id="health-history" className="px-4 pt-4 text-base font-semibold">
          Last 24 hours
        </h2>
        <HealthTimeline
          rows={timelineRows(history, f)}
          axis={timelineAxis(history, f)}
          caption={`Recorded every minute; each mark is a quarter of an hour, coloured by the worst it saw. Times in ${f.zoneName(now)}.`}
        />
      </section>
      <section className="card mt-5 p-0" aria-labelledby="health-changes">
        <h2 id="health-changes" className="px-4 pt-4 text-base font-semibold">
          What changed
        </h2>
        <ChangeList items={changeItems(history, f)} />
      </section>
      <section className="card mt-5 p-0" aria-labelledby="health-alert-history">
        <h2 id="health-alert-history" className="px-4 pt-4 text-base font-semibold">
          Alert history (7 days)
        </h2>
        <AlertList items={alertItems(past, f, now)} empty="No alert fired in the last 7 days." testId="past-alert" />
      </section>
      <section className="card mt-5 p-0" aria-labelledby="health-accounts">
        <h2 id="health-accounts" className="px-4 pt-4 text-base font-semibold">
          Platform accounts
        </h2>
        {accounts.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-600 dark:text-slate-400">No accounts yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {accounts.map((a) => (
              <li key={a.id} className="flex flex-wrap justify-between gap-2 px-4 py-2 text-sm" data-testid="health-account">
                <span>
                  {a.name} · {platformName(a.platform)}
                </span>
                <span className="text-slate-600 dark:text-slate-400">
                  {a.status.replace("_", " ")} · last verified {when(a.lastVerifiedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card mt-5 p-0" aria-labelledby="health-errors">
        <h2 id="health-errors" className="px-4 pt-4 text-base font-semibold">
          Recent errors
        </h2>
        {recentErrors.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-600 dark:text-slate-400">No failed attempts.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {recentErrors.map((e) => (
              <li key={e.id} className="px-4 py-2 text-sm">
                <span className="font-medium">{e.title}</span> · {e.accountName} · {when(e.startedAt)}
                <div className="text-red-700 dark:text-red-300">{e.errorMessage ?? e.outcome}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
