import { apiRoute } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { accountDeps } from "@/lib/accounts/deps";
import { startOAuth } from "@/lib/accounts/oauth";
import { otherMethods } from "../../../_lib/methods";

/** Begins connecting an OAuth 2 account: send the browser to authorize_url within 10 minutes. */
export const POST = apiRoute(operation("post /platform-accounts/oauth/start"), async ({ db, actor, body }) => {
  const s = await startOAuth(db, actor, accountDeps(db), body);
  return { authorize_url: s.authorizeUrl, state: s.state, expires_at: s.expiresAt.toISOString() };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
