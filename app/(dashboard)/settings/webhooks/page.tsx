import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { listWebhooks } from "@/lib/webhooks/manage";
import { WebhookManager } from "@/components/webhooks/WebhookManager";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { db, actor } = await requireMember();
  if (!can(actor.role, "webhooks:manage")) {
    return <p className="card text-sm">Only admins manage webhooks. Ask an admin of this workspace to add one.</p>;
  }
  const hooks = await listWebhooks(db, actor);
  return (
    <WebhookManager
      webhooks={hooks.map((w) => ({
        id: w.id,
        url: w.url,
        events: w.events,
        active: w.active,
        createdAt: w.createdAt.toISOString(),
        failing: w.failing,
        lastStatus: w.lastStatus,
      }))}
    />
  );
}
