import { apiRoute, created } from "../_lib/handler";
import { tokenOut } from "../_lib/shapes";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";
import { tokenCreateSchema } from "@/lib/validation/identity";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute({ permission: "tokens:manage" }, async ({ db, actor }) => ({
  items: (await listApiTokens(db, actor)).map(tokenOut),
}));

export const POST = apiRoute({ permission: "tokens:manage", body: tokenCreateSchema }, async ({ db, actor, body }) => {
  const t = await createApiToken(db, actor, { name: body.name, role: body.role, expiresInDays: body.expires_in_days });
  return created({ id: t.id, token: t.token, name: t.name, role: t.role, expires_at: t.expiresAt?.toISOString() ?? null });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
