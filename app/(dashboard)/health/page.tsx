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

export const metadata: Metadata = { title: "Health" };

export default async function HealthPage() {
  const { db, actor } = await requireMember();
  const [health, runners, accounts, recentErrors, f] = await Promise.all([
    checkHealth(getDatabase, getConfig().dbDriver, processRunnerStatus()),
    liveRunners(db),
    listAccountSummaries(db, actor),
    recentFailedAttempts(db, actor, 5),
    formatFor(db, actor),
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
      <PageHeader title="Health" description="The same facts /api/health reports, for people." />
      <dl className="card divide-y divide-slate-100 p-0 dark:divide-slate-800">
        {rows.map(([k, v]) => (
          <div key={k} className="grid grid-cols-1 gap-1 px-4 py-3 sm:grid-cols-3">
            <dt className="text-sm text-slate-600 dark:text-slate-400">{k}</dt>
            <dd className="text-sm font-medium sm:col-span-2">{v}</dd>
          </div>
        ))}
      </dl>
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
