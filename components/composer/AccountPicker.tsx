"use client";
import Link from "next/link";
import type { ComposerAccount } from "@/lib/composer/types";
import { brokenTitle, isBroken } from "@/lib/scheduling/targets";

/**
 * Checkboxes for the workspace's accounts; the platforms of the checked ones get counters and
 * previews. An account that needs reconnecting (or is in error) is shown with why and cannot be
 * ticked: a post on it would only fail. One ticked before it broke can still be unticked.
 */
export function AccountPicker({
  accounts,
  selected,
  onChange,
  error,
}: {
  accounts: ComposerAccount[];
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string | null;
}) {
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  return (
    <fieldset className="card" aria-describedby={error ? "accounts-error" : undefined}>
      <legend className="sr-only">Accounts</legend>
      <h2 className="mb-1 text-base font-semibold">Post to</h2>
      {accounts.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No accounts yet. An admin connects them under{" "}
          <Link href="/settings/accounts" className="text-brand-600 underline dark:text-brand-100">
            Settings → Accounts
          </Link>
          ; you can still save a draft.
        </p>
      ) : (
        <ul className="mt-2 grid gap-2 sm:grid-cols-2">
          {accounts.map((a) => {
            const broken = isBroken(a.status);
            const checked = selected.includes(a.id);
            const reasonId = `account-${a.id}-reason`;
            return (
              <li key={a.id} data-testid="composer-account" data-account-status={a.status}>
                <label
                  className={`flex items-center gap-2 rounded-md border p-2 text-sm ${broken ? "cursor-not-allowed border-dashed border-slate-300 bg-slate-50 text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400" : "cursor-pointer border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"}`}
                >
                  <input
                    type="checkbox"
                    className="h-4 w-4"
                    checked={checked}
                    disabled={broken && !checked}
                    aria-describedby={broken ? reasonId : undefined}
                    onChange={(e) => toggle(a.id, e.target.checked)}
                  />
                  <span className="min-w-0 flex-1 truncate font-medium">{a.name}</span>
                  <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">{a.platformName}</span>
                  {a.status !== "active" && !broken && <span className="shrink-0 text-xs text-amber-700 dark:text-amber-300">{a.status}</span>}
                </label>
                {broken && (
                  <p id={reasonId} className="mt-1 px-1 text-xs text-red-700 dark:text-red-300">
                    {brokenTitle(a.status)} —{" "}
                    <Link href="/settings/accounts" className="font-medium underline">
                      Reconnect
                    </Link>
                    {checked ? ". Untick it: a post on it would fail." : ""}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p id="accounts-error" role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </fieldset>
  );
}
