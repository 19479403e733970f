import { AppError } from "../errors";

/** Account states that cannot take new posts until someone reconnects or re-checks the account. */
export const BROKEN_STATUSES = ["needs_reconnect", "error"] as const;

export function isBroken(status: string): boolean {
  return (BROKEN_STATUSES as readonly string[]).includes(status);
}

/** "needs reconnecting" / "in error": how a screen or message names a broken state. */
export function brokenLabel(status: string): string {
  return status === "needs_reconnect" ? "needs reconnecting" : "is in error";
}

/** "Needs reconnecting" / "In error": a short label on its own. */
export function brokenTitle(status: string): string {
  return status === "needs_reconnect" ? "Needs reconnecting" : "In error";
}

/**
 * Refuses new schedules on accounts that need reconnecting or are in error: the post would only
 * fail when due. One check for every way in (API, clone, bulk, CSV import, composer, queue).
 */
export function assertSchedulable(accounts: { id: string; name: string; status: string; statusReason?: string | null }[]) {
  const broken = accounts.filter((a) => isBroken(a.status));
  if (!broken.length) return;
  const say = (a: (typeof broken)[number]) => `“${a.name}” ${brokenLabel(a.status)}${a.statusReason ? ` (${a.statusReason})` : ""}`;
  const named = broken.map(say).join("; ");
  throw new AppError(
    "conflict:account_unavailable",
    `Cannot schedule on ${broken.length === 1 ? "this account" : "these accounts"}: ${named}. Reconnect under Settings → Accounts first, or choose another account.`,
    broken.map((a) => ({
      field: "platform_account_id",
      message: `${say(a)}: reconnect it before scheduling on it`,
      platform_account_id: a.id,
      name: a.name,
      status: a.status,
      reason: a.statusReason ?? null,
    })),
  );
}
