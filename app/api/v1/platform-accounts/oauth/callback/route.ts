import { NextResponse, type NextRequest } from "next/server";
import { apiRoute } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { accountDeps } from "@/lib/accounts/deps";
import { completeOAuth } from "@/lib/accounts/oauth";
import { getConfig } from "@/lib/config";
import { otherMethods } from "../../../_lib/methods";

const settings = (query: string) => NextResponse.redirect(new URL(`/settings/accounts?${query}`, getConfig().nextauthUrl), 303);

const finish = apiRoute(operation("get /platform-accounts/oauth/callback"), async ({ db, actor, query }) => {
  const account = await completeOAuth(db, actor, accountDeps(db), query);
  return settings(`connected=${encodeURIComponent(account.id)}`);
});

/**
 * Where the platform sends the browser back (signed-in admin session). Always answers with a
 * redirect to the accounts page: `?connected=<id>`, or `?error=<message>` when anything failed.
 */
export const GET = Object.assign(
  async (req: NextRequest, context: { params: Promise<Record<string, string>> }) => {
    const res = await finish(req, context);
    if (res.status < 400) return res;
    const body = (await res.json().catch(() => null)) as { error?: { message?: unknown } } | null;
    const message = typeof body?.error?.message === "string" ? body.error.message : "connecting the account failed";
    return settings(`error=${encodeURIComponent(message)}`);
  },
  { operation: finish.operation },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
