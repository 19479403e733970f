import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { listApiTokens } from "@/lib/auth/tokens";
import { TokenManager } from "@/components/settings/TokenManager";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const { db, actor } = await requireMember();
  if (!can(actor.role, "tokens:manage")) {
    return <p className="card text-sm">Only admins manage API tokens. Ask an admin of this workspace for one.</p>;
  }
  const tokens = await listApiTokens(db, actor);
  return (
    <TokenManager
      tokens={tokens.map((t) => ({
        id: t.id,
        name: t.name,
        role: t.role,
        prefix: t.prefix,
        createdAt: t.createdAt.toISOString(),
        lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        revokedAt: t.revokedAt?.toISOString() ?? null,
        createdBy: t.createdByName ?? null,
      }))}
    />
  );
}
