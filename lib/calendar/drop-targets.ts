import type { Db } from "@/db/client";
import { getAccounts } from "@/db/queries/accounts";
import { readDropTargets, writeDropTargets } from "@/db/queries/calendar-drop-targets";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";

type Account = { id: string; status: string };

/**
 * The accounts a dropped draft goes to: the person's last choice in this workspace, kept to the
 * accounts that can still take posts; with no choice yet (or none left), the first usable one.
 */
export async function dropTargetsFor(db: Db, actor: Actor, accounts: Account[]): Promise<string[]> {
  const usable = accounts.filter((a) => a.status === "active").map((a) => a.id);
  const stored = actor.userId ? await readDropTargets(db, actor.userId, actor.workspaceId) : null;
  if (stored === null) return usable.slice(0, 1);
  // An empty list is a choice too (the person unticked every account).
  return stored.filter((id) => usable.includes(id));
}

/** Remembers the person's choice; every id must be an account of this workspace. */
export async function rememberDropTargets(db: Db, actor: Actor, accountIds: string[]): Promise<string[]> {
  assertCan(actor.role, "schedules:write");
  if (!actor.userId) throw new AppError("bad_request:no_user", "this token has no person behind it");
  const ids = [...new Set(accountIds)];
  const found = new Set((await getAccounts(db, actor.workspaceId, ids)).map((a) => a.id));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length)
    throw new AppError("bad_request:validation", `not an account of this workspace: ${unknown.join(", ")}`, [
      { field: "account_ids", message: "unknown account" },
    ]);
  await writeDropTargets(db, actor.userId, actor.workspaceId, ids);
  return ids;
}
