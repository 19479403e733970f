import type { Db } from "@/db/client";
import { accountsInStates } from "@/db/queries/broken-accounts";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";

/** Accounts that need reconnecting or are in error, with the posts still waiting on each. */
export async function brokenAccounts(db: Db, actor: Actor) {
  assertCan(actor.role, "schedules:read");
  return accountsInStates(db, actor.workspaceId, ["needs_reconnect", "error"]);
}
