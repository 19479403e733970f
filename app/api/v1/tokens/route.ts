import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { tokenOut } from "@/lib/operations/shapes";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /tokens"), async ({ db, actor }) => ({
  items: (await listApiTokens(db, actor)).map(tokenOut),
}));

export const POST = apiRoute(operation("post /tokens"), async ({ db, actor, body }) => {
  const t = await createApiToken(db, actor, { name: body.name, role: body.role, expiresInDays: body.expires_in_days });
  return created({ id: t.id, token: t.token, name: t.name, role: t.role, expires_at: t.expiresAt?.toISOString() ?? null });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
