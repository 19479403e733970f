"use client";
import { deleteAccountAction, updateAccountAction, verifyAccountAction } from "@/app/_actions/accounts";
import { CREDENTIAL_FIELDS } from "@/lib/accounts/fields";
import type { PlatformId } from "@/adapters/types";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { useFormat } from "@/components/ui/FormatProvider";
import { PostingSlotsEditor } from "./PostingSlotsEditor";
import { RateLimitEditor } from "./RateLimitEditor";
import { describeSlots, type Slots } from "./slots";

export interface AccountItem {
  id: string;
  platform: PlatformId;
  platformName: string;
  name: string;
  status: string;
  statusReason: string | null;
  lastVerifiedAt: string | null;
  rate: string;
  credentialKeys: string[];
  rateLimit: { capacity: number; per_seconds: number } | null;
  /** The platform's documented pace, in words. */
  documentedRate: string;
  slots: Slots | null;
}

const TONE: Record<string, string> = {
  active: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  needs_reconnect: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  error: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  disabled: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
};

export function AccountList({ accounts, canManage, zone }: { accounts: AccountItem[]; canManage: boolean; zone: string }) {
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  const format = useFormat();
  if (!accounts.length) {
    return <p className="card text-sm text-slate-600 dark:text-slate-400">No accounts yet. {canManage ? "Connect one below." : "An admin adds them."}</p>;
  }
  return (
    <section className="card p-0" aria-labelledby="accounts-title">
      <h2 id="accounts-title" className="px-4 pt-4 text-base font-semibold">
        Accounts
      </h2>
      <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
        {accounts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-start gap-3 px-4 py-3" data-testid="account-row">
            {/* Wide enough to read on a phone: the status and buttons wrap below it there. */}
            <div className="min-w-[min(100%,18rem)] flex-1">
              <div className="font-medium">
                {a.name} <span className="font-normal text-slate-600 dark:text-slate-400">· {a.platformName}</span>
              </div>
              <div className="text-xs text-slate-600 dark:text-slate-400">
                Last verified:{" "}
                {a.lastVerifiedAt ? (
                  <time dateTime={a.lastVerifiedAt} data-testid="last-verified">
                    {format.dateTime(a.lastVerifiedAt, { zone: true })}
                  </time>
                ) : (
                  "never"
                )}{" "}
                · Pace: {a.rate}
                {a.credentialKeys.length > 0 && ` · Credentials: ${a.credentialKeys.join(", ")}`}
              </div>
              <div className="text-xs text-slate-600 dark:text-slate-400" data-testid="account-slots">
                Posting slots: {describeSlots(a.slots) ?? "none"}
              </div>
              {a.statusReason && (
                <div className="mt-1 text-sm break-words text-red-700 dark:text-red-300" data-testid="account-reason">
                  {a.statusReason}
                </div>
              )}
              {canManage && CREDENTIAL_FIELDS[a.platform]?.length > 0 && (
                <details className="mt-2" open={a.status === "needs_reconnect" ? true : undefined}>
                  <summary className="cursor-pointer text-sm font-medium">Replace credentials</summary>
                  <form
                    className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2"
                    aria-label={`New credentials for ${a.name}`}
                    onSubmit={(e) => {
                      e.preventDefault();
                      const form = new FormData(e.currentTarget);
                      const credentials = Object.fromEntries(
                        CREDENTIAL_FIELDS[a.platform].map((f) => [f.key, String(form.get(f.key) ?? "").trim()]).filter(([, v]) => v !== ""),
                      );
                      // Replace, then check them with the platform at once: the status shows the answer.
                      run(async () => {
                        const changed = await updateAccountAction({ id: a.id, patch: { credentials } }, ws);
                        return changed.ok ? verifyAccountAction({ id: a.id }, ws) : changed;
                      });
                    }}
                  >
                    {CREDENTIAL_FIELDS[a.platform].map((f) => (
                      <div key={f.key}>
                        <label htmlFor={`${a.id}-${f.key}`} className="label">
                          {f.label}
                        </label>
                        <input id={`${a.id}-${f.key}`} name={f.key} type="password" autoComplete="off" required={f.required} className="input" />
                      </div>
                    ))}
                    <div className="col-span-full">
                      <button type="submit" className="btn-secondary py-1" disabled={pending}>
                        Save and verify
                      </button>
                    </div>
                  </form>
                </details>
              )}
            </div>
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONE[a.status] ?? TONE.disabled}`}>{a.status.replace("_", " ")}</span>
            {canManage && (
              <div className="flex flex-wrap gap-2">
                {a.platform !== "sandbox" && (
                  <a
                    href={`/settings/accounts?reconnect=${a.id}#connect`}
                    className={`${a.status === "needs_reconnect" || a.status === "error" ? "btn-primary" : "btn-secondary"} py-1`}
                    aria-label={`Reconnect ${a.name}`}
                  >
                    Reconnect
                  </a>
                )}
                <button
                  type="button"
                  className="btn-secondary py-1"
                  disabled={pending}
                  aria-label={`Verify ${a.name}`}
                  onClick={() => run(() => verifyAccountAction({ id: a.id }, ws))}
                >
                  Verify
                </button>
                <button
                  type="button"
                  className="btn-secondary py-1"
                  disabled={pending}
                  aria-label={`${a.status === "disabled" ? "Enable" : "Disable"} ${a.name}`}
                  onClick={() => run(() => updateAccountAction({ id: a.id, patch: { status: a.status === "disabled" ? "active" : "disabled" } }, ws))}
                >
                  {a.status === "disabled" ? "Enable" : "Disable"}
                </button>
                <button
                  type="button"
                  className="btn-danger py-1"
                  disabled={pending}
                  aria-label={`Delete ${a.name}`}
                  onClick={() => {
                    if (confirm(`Delete ${a.name}? Its schedules are deleted too; published history stays on the platform.`))
                      run(() => deleteAccountAction({ id: a.id }, ws));
                  }}
                >
                  Delete
                </button>
              </div>
            )}
            {canManage && (
              <div className="w-full">
                <PostingSlotsEditor accountId={a.id} accountName={a.name} slots={a.slots} zone={zone} />
                <RateLimitEditor accountId={a.id} accountName={a.name} override={a.rateLimit} documented={a.documentedRate} />
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="px-4 pb-3">
        <FormError message={error} />
      </div>
    </section>
  );
}
