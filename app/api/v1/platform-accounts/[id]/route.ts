import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { accountOut } from "@/lib/operations/shapes";
import { accountDeps } from "@/lib/accounts/deps";
import { updateAndVerify } from "@/lib/accounts/connect";
import { deletePlatformAccount, getPlatformAccount } from "@/lib/accounts/manage";
import { otherMethods } from "../../_lib/methods";

const accountId = (params: Record<string, string>) => idParam(params, "id", "platform_account");

export const GET = apiRoute(operation("get /platform-accounts/{id}"), async ({ db, actor, params }) =>
  accountOut(await getPlatformAccount(db, actor, accountDeps(db).keyring, accountId(params))),
);

/**
 * name; config (merged: keys given replace, null removes); credentials (replaced); rate_limit;
 * status active | disabled. New credentials or config are checked with the platform at once.
 */
export const PATCH = apiRoute(operation("patch /platform-accounts/{id}"), async ({ db, actor, params, body }) =>
  accountOut(await updateAndVerify(db, actor, accountDeps(db), accountId(params), body)),
);

/** Deletes the account and its schedules; 409 while one of its posts is being published. */
export const DELETE = apiRoute(operation("delete /platform-accounts/{id}"), async ({ db, actor, params }) => {
  await deletePlatformAccount(db, actor, accountDeps(db).keyring, accountId(params));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
