import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { accountOut } from "@/lib/operations/shapes";
import { accountDeps } from "@/lib/accounts/deps";
import { verifyPlatformAccount } from "@/lib/accounts/verify";
import { otherMethods } from "../../../_lib/methods";

/** Asks the platform whether the credentials work; the answer is the account with its new status (200 even when the platform failed). */
export const POST = apiRoute(operation("post /platform-accounts/{id}/verify"), async ({ db, actor, params }) =>
  accountOut(await verifyPlatformAccount(db, actor, accountDeps(db), idParam(params, "id", "platform_account"))),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
