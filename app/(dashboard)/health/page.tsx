import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { getDatabase } from "@/db";
import { getConfig } from "@/lib/config";
import { checkHealth } from "@/lib/health";
import { processRunnerStatus } from "@/jobs/runner/process";
import { liveRunners } from "@/jobs/runner/local";
import { PageHeader } from "@/components/ui/PageHeader";

export const metadata: Metadata = { title: "Health" };

export default async function HealthPage() {
  const { db } = await requireMember();
  const [health, runners] = await Promise.all([checkHealth(getDatabase, getConfig().dbDriver, processRunnerStatus()), liveRunners(db)]);
  const rows: [string, string][] = [
    ["Status", health.status],
    ["Database", `${health.db.driver} · ${health.db.ok ? `ok (${health.db.latency_ms} ms)` : health.db.error}`],
    ["Job runner (this server)", `${health.runner.driver} · ${health.runner.state}${health.runner.lag_ms !== null ? ` · last beat ${Math.round(health.runner.lag_ms / 1000)} s ago` : ""}`],
    ["Live runners (all processes)", String(runners.length)],
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
    </>
  );
}
