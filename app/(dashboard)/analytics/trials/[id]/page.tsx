import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireMember } from "@/app/_server/session";
import { formatFor } from "@/app/_server/format";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getTrial } from "@/lib/trials/manage";
import { armsOf } from "@/lib/trials/arms";
import { WIN_PROBABILITY } from "@/lib/trials/results";
import { platformName } from "@/adapters/registry";
import { PageHeader } from "@/components/ui/PageHeader";
import { CiChart } from "@/components/trials/CiChart";
import { TrialActions } from "@/components/trials/TrialActions";
import { TrialStatus } from "@/components/trials/TrialStatus";
import { ALLOCATION_LABELS, describeSlots, METRIC_LABELS, metricValue, percent, STRATEGY_LABELS } from "@/components/trials/describe";

export const metadata: Metadata = { title: "Trial" };

export default async function TrialPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const { db, actor } = await requireMember();
  const fmt = await formatFor(db, actor);
  const view = await getTrial(db, actor, id).catch((err) => {
    if (err instanceof AppError && err.kind === "not_found") notFound();
    throw err;
  });
  const { trial, accounts, results } = view;
  const arms = armsOf(trial.arms);
  const running = trial.status === "running";
  const winner = results.verdict?.outcome === "winner" ? results.verdict.arm : null;
  const winnerName = winner ? arms.find((a) => a.key === winner)?.name : null;
  const stop = results.stop;
  const target = trial.platformId
    ? `every ${platformName(trial.platformId)} account (${accounts.map((a) => a.name).join(", ") || "none yet"})`
    : (accounts[0]?.name ?? "—");

  return (
    <>
      <PageHeader
        title={trial.name}
        description={`Runs on ${target}. Measures ${METRIC_LABELS[trial.metric]?.toLowerCase()}, ${ALLOCATION_LABELS[trial.allocation]?.toLowerCase()}; started ${fmt.dateTime(trial.createdAt)}${trial.endedAt ? `, ended ${fmt.dateTime(trial.endedAt)}` : ""}.`}
        actions={
          <Link href="/analytics/trials" className="btn-secondary">
            All trials
          </Link>
        }
      />
      <div className="space-y-6">
        <section className="card space-y-2" aria-labelledby="trial-state">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id="trial-state" className="text-lg font-semibold">
              Verdict
            </h2>
            <TrialStatus status={trial.status} />
          </div>
          {trial.hypothesis && <p className="text-sm italic">{trial.hypothesis}</p>}
          <p data-testid="verdict">
            {results.verdict
              ? winnerName
                ? `${winnerName} wins: it is the best arm with a probability of ${percent(fmt, results.arms.find((a) => a.key === winner)?.p_best)}.`
                : `No clear difference: no arm is the best with a probability of ${percent(fmt, WIN_PROBABILITY)} or more.`
              : running
                ? "No verdict yet: it comes once the stop rule is met."
                : "Stopped before its stop rule was met: no verdict."}
          </p>
          <div className="text-sm text-slate-600 dark:text-slate-400">
            <p>
              Stop rule: {stop.posts_per_arm !== null && `${stop.posts_per_arm} measured posts per arm (fewest so far: ${stop.min_measured})`}
              {stop.posts_per_arm !== null && trial.stopAt && ", or "}
              {trial.stopAt && `at ${fmt.dateTime(trial.stopAt, { zone: true })}`}
              {stop.met ? " — met." : "."}
            </p>
            {stop.posts_per_arm !== null && (
              <progress
                className="mt-1 h-2 w-full max-w-md accent-sky-600"
                max={stop.posts_per_arm}
                value={Math.min(stop.min_measured, stop.posts_per_arm)}
                aria-label="Progress of the stop rule"
              />
            )}
          </div>
          <TrialActions
            id={trial.id}
            running={running}
            canStop={can(actor.role, "schedules:write")}
            canAdopt={can(actor.role, "accounts:manage")}
            arms={arms.map((a) => ({ key: a.key, name: a.name }))}
            winner={winner}
            adopted={trial.adoptedArm}
          />
        </section>

        <section className="card" aria-labelledby="trial-arms">
          <h2 id="trial-arms" className="mb-3 text-lg font-semibold">
            Arms
          </h2>
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Arms and their results">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                <tr>
                  <th scope="col" className="px-2 py-2 sm:px-3 font-medium">
                    Arm
                  </th>
                  <th scope="col" className="px-2 py-2 sm:px-3 text-right font-medium">
                    Posts
                  </th>
                  <th scope="col" className="px-2 py-2 sm:px-3 text-right font-medium">
                    Measured
                  </th>
                  <th scope="col" className="px-2 py-2 sm:px-3 text-right font-medium">
                    Mean, 95 % CI
                  </th>
                  <th scope="col" className="px-2 py-2 sm:px-3 text-right font-medium">
                    P(best)
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {results.arms.map((r) => {
                  const arm = arms.find((a) => a.key === r.key);
                  return (
                    <tr key={r.key} data-testid="arm-row">
                      <td className="px-2 py-2 sm:px-3">
                        <span className="font-medium">{r.name}</span>
                        {r.key === winner && <span className="ml-1 text-emerald-700 dark:text-emerald-400">(winner)</span>}
                        <span className="block text-xs text-slate-600 dark:text-slate-400">
                          {STRATEGY_LABELS[arm?.strategy ?? ""] ?? arm?.strategy}
                          {arm?.slots?.length ? `: ${describeSlots(fmt, arm.slots)} (${trial.timezone})` : ""}
                        </span>
                      </td>
                      <td className="px-2 py-2 sm:px-3 text-right tabular-nums">{fmt.number(r.assigned)}</td>
                      <td className="px-2 py-2 sm:px-3 text-right tabular-nums">{fmt.number(r.measured)}</td>
                      <td className="whitespace-nowrap px-2 py-2 sm:px-3 text-right tabular-nums">
                        {metricValue(fmt, trial.metric, r.mean)}
                        {r.ci_low !== null && r.ci_high !== null && (
                          <span className="block text-xs text-slate-600 dark:text-slate-400">
                            {metricValue(fmt, trial.metric, r.ci_low)} – {metricValue(fmt, trial.metric, r.ci_high)}
                          </span>
                        )}
                      </td>
                      <td className="px-2 py-2 sm:px-3 text-right tabular-nums">{percent(fmt, r.p_best)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
            {running ? "Live results" : "Results as they stood when the trial ended"}. Posts count while not cancelled; a post is measured once its 24-hour
            result
            {trial.metric === "engagement_rate" ? " has an engagement rate" : " has its clicks"}.
          </p>
        </section>

        <section className="card" aria-labelledby="trial-chart">
          <h2 id="trial-chart" className="mb-3 text-lg font-semibold">
            Means and intervals
          </h2>
          <CiChart
            rows={results.arms.map((r) => ({ key: r.key, name: r.name, mean: r.mean, low: r.ci_low, high: r.ci_high }))}
            metric={trial.metric}
            fmt={fmt}
          />
        </section>
      </div>
    </>
  );
}
