"use client";
import { useState } from "react";
import { suggestTimesAction } from "@/app/_actions/schedules";
import { describeLocal } from "@/lib/composer/schedule";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { FormError } from "@/components/ui/FormError";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import type { ComposerAccount } from "@/lib/composer/types";

interface Suggestion { start: string; local_time: string; score: number; reasons: string[] }

/** Ranked times for the first chosen account, each with the reasons behind it; one click applies it. */
export function BestTimes({ account, zone, onPick }: { account: ComposerAccount | undefined; zone: string; onPick: (local: string) => void }) {
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  const [items, setItems] = useState<Suggestion[] | null>(null);
  if (!account) return <p className="text-xs text-slate-600 dark:text-slate-400">Choose an account to get best-time suggestions.</p>;
  return (
    <div className="space-y-2">
      <button type="button" className="btn-secondary w-full" disabled={pending} onClick={() => run(() => suggestTimesAction({ platform_account_id: account.id, timezone: zone, count: 5 }, ws), (d) => setItems(d.items))}>
        {pending ? "Finding times…" : `Suggest best times for ${account.name}`}
      </button>
      <FormError message={error} />
      {items && items.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No free time in the next two weeks. Try another account or pick a time yourself.</p>}
      {items && items.length > 0 && (
        <ul className="space-y-2" aria-label="Suggested times">
          {items.map((s) => (
            <li key={s.start} className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700">
              <div className="flex items-center justify-between gap-2">
                <span className="font-medium">{describeLocal(s.local_time)}</span>
                <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => onPick(s.local_time)} aria-label={`Use ${describeLocal(s.local_time)}`}>Use</button>
              </div>
              {s.reasons.length > 0 && <ul className="mt-1 list-disc pl-5 text-xs text-slate-600 dark:text-slate-400">{s.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
