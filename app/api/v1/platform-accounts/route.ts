import { apiRoute, created } from "../_lib/handler";
import { accountOut } from "../_lib/shapes";
import { accountDeps } from "@/lib/accounts/deps";
import { createPlatformAccount, listPlatformAccounts } from "@/lib/accounts/manage";
import { accountCreateSchema } from "@/lib/validation/accounts";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute({ permission: "accounts:read" }, async ({ db, actor }) => ({
  items: (await listPlatformAccounts(db, actor, accountDeps(db).keyring)).map(accountOut),
}));

/** Adds an account with its settings and (encrypted) credentials; check it with POST /{id}/verify. */
export const POST = apiRoute({ permission: "accounts:manage", body: accountCreateSchema, idempotent: true }, async ({ db, actor, body }) =>
  created(accountOut(await createPlatformAccount(db, actor, accountDeps(db).keyring, body))),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
