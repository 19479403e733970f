import "server-only";
import Link from "next/link";
import type { Db } from "@/lib/database";
import type { Actor } from "@/lib/auth/actor";
import { brokenAccounts } from "@/lib/accounts/broken";
import { brokenLabel } from "@/lib/scheduling/targets";

/**
 * Names each account that needs reconnecting (or is in error) and how many posts wait on it:
 * they would fail when due. Renders nothing when every account is fine.
 */
export async function BrokenAccountsNotice({ db, actor }: { db: Db; actor: Actor }) {
  const rows = await brokenAccounts(db, actor);
  if (!rows.length) return null;
  return (
    <section
      aria-labelledby="broken-accounts-title"
      className="mb-6 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50"
      data-testid="broken-accounts"
    >
      <h2 id="broken-accounts-title" className="font-semibold">
        {rows.length === 1 ? "An account needs attention" : `${rows.length} accounts need attention`}
      </h2>
      <ul className="mt-1 space-y-1">
        {rows.map((a) => (
          <li key={a.id} className="break-words" data-testid="broken-account">
            <strong>{a.name}</strong> {brokenLabel(a.status)}
            {a.statusReason ? ` (${a.statusReason})` : ""}.{" "}
            {a.open > 0 ? `${a.open} scheduled post${a.open === 1 ? "" : "s"} on it will fail until it is reconnected. ` : "Nothing is scheduled on it. "}
            <Link href="/settings/accounts" className="font-medium underline">
              Reconnect {a.name}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
