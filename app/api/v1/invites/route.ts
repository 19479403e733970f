import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { inviteMember } from "@/lib/workspaces";
import { inviteUrl } from "@/app/_server/links";
import { otherMethods } from "../_lib/methods";

export const POST = apiRoute(operation("post /invites"), async ({ db, actor, body }) => {
  const r = await inviteMember(db, actor, body);
  return created({ id: r.inviteId, email: r.email, role: r.role, expires_at: r.expiresAt.toISOString(), invite_url: inviteUrl(r.token) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
