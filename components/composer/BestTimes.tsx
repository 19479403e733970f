"use client";
import { useState } from "react";
import { suggestTimesForAccountsAction } from "@/app/_actions/suggestions";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { FormError } from "@/components/ui/FormError";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { useFormat } from "@/components/ui/FormatProvider";
import type { ComposerAccount } from "@/lib/composer/types";

interface Suggestion {
  start: string;
  local_time: string;
  score: number;
  expected_engagement_rate: number | null;
  interval: { low: number; high: number; probability: number } | null;
  posts: number;
  reasons: string[];
}
interface AccountSuggestions {
  platform_account_id: string;
  platform_name: string;
  account_name: string;
  research: { platform: string | null; label: string };
  basis: { source: "learned" | "baseline"; reason: string; posts: number };
  items: Suggestion[];
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + ".";

/**
 * Ranked times for every chosen account, one section each, named by the account's platform and the
 * research behind it; one click applies a time to the schedule above.
 */
export function BestTimes({ accounts, zone, onPick }: { accounts: ComposerAccount[]; zone: string; onPick: (local: string) => void }) {
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  const person = useFormat();
  const [answer, setAnswer] = useState<{ zone: string; accounts: AccountSuggestions[] } | null>(null);
  if (!accounts.length) return <p className="text-xs text-slate-600 dark:text-slate-400">Choose an account to get best-time suggestions.</p>;
  // Only accounts still ticked, and only while the zone is the one the times were asked in.
  const shown = answer && answer.zone === zone ? answer.accounts.filter((a) => accounts.some((c) => c.id === a.platform_account_id)) : [];
  // The times are wall times in the schedule's zone, in the person's locale; the zone is named when
  // it is not their own.
  const f = person.withZone(zone);
  const pct = (v: number) => person.number(v, { style: "percent", maximumFractionDigits: 1 });
  const when = (s: Suggestion) => `${f.date(s.start, "full")}, ${f.time(s.start)}${zone === person.timeZone ? "" : ` ${f.zoneName(s.start)}`}`;
  const ask = () =>
    run(
      () => suggestTimesForAccountsAction({ platform_account_ids: accounts.map((a) => a.id), timezone: zone, count: 5 }, ws),
      (d) => setAnswer({ zone, accounts: d.accounts }),
    );
  return (
    <div className="space-y-3">
      <button type="button" className="btn-secondary w-full" disabled={pending} onClick={ask}>
        {pending
          ? "Finding times…"
          : accounts.length === 1
            ? `Suggest best times for ${accounts[0]!.name}`
            : `Suggest best times for the ${accounts.length} accounts`}
      </button>
      <FormError message={error} />
      {shown.map((a) => (
        <section
          key={a.platform_account_id}
          className="space-y-2"
          aria-label={`Best times for ${a.account_name} on ${a.platform_name}`}
          data-testid="best-times-account"
        >
          <div>
            <h3 className="text-sm font-semibold">
              {a.platform_name} · {a.account_name}
            </h3>
            <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="best-times-basis">
              {sentence(a.basis.reason)}
            </p>
          </div>
          {a.items.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No free time in the next two weeks. Pick a time yourself.</p>
          ) : (
            <ul className="space-y-2" aria-label={`Suggested times for ${a.account_name}`}>
              {a.items.map((s) => (
                <li key={s.start} className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700">
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium">{when(s)}</span>
                    <button
                      type="button"
                      className="btn-secondary px-2 py-1 text-xs"
                      onClick={() => onPick(s.local_time)}
                      aria-label={`Use ${when(s)} (best for ${a.account_name})`}
                    >
                      Use
                    </button>
                  </div>
                  {s.expected_engagement_rate !== null && (
                    <p className="mt-1 text-xs" data-testid="best-time-expected">
                      Expected engagement {pct(s.expected_engagement_rate)}
                      {s.interval ? ` (${pct(s.interval.probability)} likely between ${pct(s.interval.low)} and ${pct(s.interval.high)})` : ""}
                      {s.posts ? `, from ${s.posts} of your posts at that hour` : ", no post of yours at that hour yet"}
                    </p>
                  )}
                  {s.reasons.length > 0 && (
                    <ul className="mt-1 list-disc pl-5 text-xs text-slate-600 dark:text-slate-400">
                      {s.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
