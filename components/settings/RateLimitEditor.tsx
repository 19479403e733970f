"use client";
import { useState } from "react";
import { updateAccountAction } from "@/app/_actions/accounts";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { useActionRunner } from "@/components/ui/useActionRunner";

const UNITS = [
  { seconds: 86_400, label: "days" },
  { seconds: 3600, label: "hours" },
  { seconds: 60, label: "minutes" },
  { seconds: 1, label: "seconds" },
];

/** The largest unit the period is a whole number of: 3600 s reads as 1 hour. */
function split(perSeconds: number) {
  const unit = UNITS.find((u) => perSeconds % u.seconds === 0) ?? UNITS[3]!;
  return { amount: perSeconds / unit.seconds, unit: unit.seconds };
}

const LABELS: Record<string, string> = { "patch.rate_limit.capacity": "Posts", "patch.rate_limit.per_seconds": "Period" };

/** Per-account override of the platform's documented publishing pace (the engine's token bucket). */
export function RateLimitEditor({
  accountId,
  accountName,
  override,
  documented,
}: {
  accountId: string;
  accountName: string;
  override: { capacity: number; per_seconds: number } | null;
  documented: string;
}) {
  const start = override ? split(override.per_seconds) : { amount: 1, unit: 3600 };
  const [unit, setUnit] = useState(start.unit);
  const { pending, error, setError, run } = useActionRunner((p) => LABELS[p] ?? null);
  const notify = useToast();
  const ws = useWorkspaceId();
  const id = `rate-${accountId}`;

  function save(rate: { capacity: number; per_seconds: number } | null) {
    run(
      () => updateAccountAction({ id: accountId, patch: { rate_limit: rate } }, ws),
      () => notify(rate ? `Rate limit of ${accountName} saved` : `${accountName} is back to the documented pace`),
    );
  }

  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm font-medium">Rate limit{override ? " (custom)" : ""}</summary>
      <form
        className="mt-2 max-w-2xl space-y-2"
        aria-label={`Rate limit of ${accountName}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const capacity = String(form.get("capacity") ?? "").trim();
          const amount = String(form.get("amount") ?? "").trim();
          if (!capacity || !amount) return setError("Enter how many posts, and over how long.");
          save({ capacity: Number(capacity), per_seconds: Number(amount) * unit });
        }}
      >
        <p className="text-xs text-slate-600 dark:text-slate-400">
          The platform&apos;s documented pace is {documented}. Set a lower pace to stay well clear of it; a higher one risks the platform refusing posts.
        </p>
        <div className="flex flex-wrap items-end gap-2">
          <div className="w-24">
            <label htmlFor={`${id}-capacity`} className="label">
              Posts
            </label>
            <input
              id={`${id}-capacity`}
              name="capacity"
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              required
              className="input"
              defaultValue={override?.capacity ?? ""}
              disabled={pending}
            />
          </div>
          <span className="pb-2 text-sm">per</span>
          <div className="w-20">
            <label htmlFor={`${id}-amount`} className="label">
              Every
            </label>
            <input
              id={`${id}-amount`}
              name="amount"
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              required
              className="input"
              defaultValue={override ? start.amount : 1}
              disabled={pending}
            />
          </div>
          <div className="w-28">
            <label htmlFor={`${id}-unit`} className="label">
              Unit
            </label>
            <select id={`${id}-unit`} className="input" value={unit} onChange={(e) => setUnit(Number(e.target.value))} disabled={pending}>
              {UNITS.map((u) => (
                <option key={u.seconds} value={u.seconds}>
                  {u.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <FormError message={error} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn-secondary py-1" disabled={pending}>
            {pending ? "Saving…" : "Save rate limit"}
          </button>
          {override && (
            <button type="button" className="btn-secondary py-1" disabled={pending} onClick={() => save(null)}>
              Use documented pace
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
