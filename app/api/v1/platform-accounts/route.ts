import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { accountOut } from "@/lib/operations/shapes";
import { accountDeps } from "@/lib/accounts/deps";
import { connectFromInput } from "@/lib/accounts/connect";
import { listPlatformAccounts } from "@/lib/accounts/manage";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /platform-accounts"), async ({ db, actor }) => ({
  items: (await listPlatformAccounts(db, actor, accountDeps(db).keyring)).map(accountOut),
}));

/**
 * Adds an account with its settings and (encrypted) credentials, checked with the platform first:
 * 201 with status active, or — when the platform refused or could not answer — needs_reconnect /
 * error and the platform's reason in status_reason (the account is kept so it can be fixed).
 */
export const POST = apiRoute(operation("post /platform-accounts"), async ({ db, actor, body }) =>
  created(accountOut((await connectFromInput(db, actor, accountDeps(db), body)).account)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
