import { apiRoute, created } from "../_lib/handler";
import { inviteMember } from "@/lib/workspaces";
import { inviteSchema } from "@/lib/validation/identity";
import { getConfig } from "@/lib/config";

export const POST = apiRoute({ permission: "members:manage", body: inviteSchema }, async ({ db, actor, body }) => {
  const r = await inviteMember(db, actor, body);
  if (r.kind === "added") return created({ status: "added", user_id: r.userId, email: r.email, role: r.role });
  return created({
    status: "invited",
    id: r.inviteId,
    email: r.email,
    role: r.role,
    expires_at: r.expiresAt.toISOString(),
    invite_url: `${getConfig().nextauthUrl}/signup?invite=${encodeURIComponent(r.token)}`,
  });
});
