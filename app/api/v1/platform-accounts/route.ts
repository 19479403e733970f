import { apiRoute } from "../_lib/handler";
import { accountOut } from "../_lib/shapes";
import { listAccounts } from "@/db/queries/accounts";

export const GET = apiRoute({ permission: "accounts:read" }, async ({ db, actor }) => ({
  items: (await listAccounts(db, actor.workspaceId)).map(accountOut),
}));
