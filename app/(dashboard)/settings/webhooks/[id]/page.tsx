import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { listDeliveries } from "@/lib/webhooks/manage";
import { DeliveryLog } from "@/components/webhooks/DeliveryLog";

export const metadata: Metadata = { title: "Webhook deliveries" };

export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const { db, actor } = await requireMember();
  if (!can(actor.role, "webhooks:manage")) {
    return <p className="card text-sm">Only admins manage webhooks. Ask an admin of this workspace to add one.</p>;
  }
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const found = await listDeliveries(db, actor, id, { limit: 100 }).catch((err) => {
    if (err instanceof AppError && err.code.startsWith("not_found")) return null;
    throw err;
  });
  if (!found) notFound();
  return (
    <div className="space-y-4">
      <Link href="/settings/webhooks" className="text-sm text-brand-700 hover:underline dark:text-brand-100">
        ← All webhooks
      </Link>
      <DeliveryLog
        webhook={{ id: found.webhook.id, url: found.webhook.url, active: found.webhook.active }}
        deliveries={found.items.map((d) => ({
          id: d.id,
          event: d.event,
          status: d.status,
          attempt: d.attempt,
          httpStatus: d.httpStatus,
          durationMs: d.durationMs,
          excerpt: d.responseExcerpt,
          nextAttemptAt: d.status === "retrying" || d.status === "pending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
          createdAt: d.createdAt.toISOString(),
        }))}
      />
    </div>
  );
}
