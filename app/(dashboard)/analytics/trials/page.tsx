import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/app/_server/session";
import { formatFor } from "@/app/_server/format";
import { can } from "@/lib/auth/permissions";
import { listTrials } from "@/lib/trials/manage";
import { listAccountSummaries } from "@/lib/accounts/manage";
import { platformName } from "@/adapters/registry";
import { armsOf } from "@/lib/trials/arms";
import { PageHeader } from "@/components/ui/PageHeader";
import { NewTrialForm } from "@/components/trials/NewTrialForm";
import { TrialStatus } from "@/components/trials/TrialStatus";
import { METRIC_LABELS } from "@/components/trials/describe";

export const metadata: Metadata = { title: "Trials of posting times" };

export default async function TrialsPage() {
  const { db, actor } = await requireMember();
  const fmt = await formatFor(db, actor);
  const [trials, accounts] = await Promise.all([listTrials(db, actor), listAccountSummaries(db, actor)]);
  const platforms = [...new Set(accounts.map((a) => a.platform))];
  const targets = {
    accounts: accounts.map((a) => ({ value: `account:${a.id}`, label: `${a.name} (${platformName(a.platform)})` })),
    platforms: platforms.map((p) => ({ value: `platform:${p}`, label: `All ${platformName(p)} accounts` })),
  };

  return (
    <>
      <PageHeader
        title="Trials of posting times"
        description="Try posting-time strategies against each other on an account: queued posts are dealt to the arms in turn, and each post's result 24 hours later decides."
        actions={
          <Link href="/analytics" className="btn-secondary">
            Back to analytics
          </Link>
        }
      />
      <section aria-labelledby="trials-list" className="card mb-6">
        <h2 id="trials-list" className="mb-3 text-lg font-semibold">
          Trials
        </h2>
        {trials.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No trials yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {trials.map(({ trial, accounts: on, results }) => {
              const winner = results.verdict?.outcome === "winner" ? armsOf(trial.arms).find((a) => a.key === results.verdict?.arm)?.name : null;
              return (
                <li key={trial.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                  <div className="min-w-0">
                    <Link href={`/analytics/trials/${trial.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                      {trial.name}
                    </Link>
                    <p className="text-sm text-slate-600 dark:text-slate-400">
                      {trial.platformId ? `All ${platformName(trial.platformId)} accounts` : (on[0]?.name ?? "—")} · {armsOf(trial.arms).length} arms ·{" "}
                      {METRIC_LABELS[trial.metric]} · started {fmt.date(trial.createdAt)}
                    </p>
                  </div>
                  <div className="flex items-center gap-2 text-sm">
                    {results.verdict && <span>{winner ? `Winner: ${winner}` : "No clear difference"}</span>}
                    <TrialStatus status={trial.status} />
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {can(actor.role, "schedules:write") && (
        <section aria-labelledby="new-trial" className="card">
          <h2 id="new-trial" className="mb-3 text-lg font-semibold">
            New trial
          </h2>
          <NewTrialForm targets={targets} />
        </section>
      )}
    </>
  );
}
