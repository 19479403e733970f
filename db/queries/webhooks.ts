import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { webhookDeliveries, webhooks } from "../schema";

/** What a webhook is ever shown with: never its sealed secret. */
const webhookColumns = {
  id: webhooks.id,
  workspaceId: webhooks.workspaceId,
  url: webhooks.url,
  events: webhooks.events,
  active: webhooks.active,
  createdBy: webhooks.createdBy,
  createdAt: webhooks.createdAt,
};
export type WebhookRow = Awaited<ReturnType<typeof listWebhookRows>>[number];

export async function insertWebhook(
  db: Db,
  v: { id: string; workspaceId: string; url: string; events: string[]; secretEncrypted: string; createdBy: string | null },
) {
  const [row] = await db.insert(webhooks).values(v).returning(webhookColumns);
  return row!;
}

/** Webhooks of a workspace with how their deliveries stand (for the list screen). */
export async function listWebhookRows(db: Db, workspaceId: string) {
  return db
    .select({
      ...webhookColumns,
      failing: sql<number>`(select count(*)::int from webhook_deliveries d where d.webhook_id = "webhooks"."id" and d.status = 'failed' and d.created_at > now() - interval '1 day')`,
      lastStatus: sql<string | null>`(select d.status from webhook_deliveries d where d.webhook_id = "webhooks"."id" order by d.created_at desc limit 1)`,
    })
    .from(webhooks)
    .where(eq(webhooks.workspaceId, workspaceId))
    .orderBy(desc(webhooks.createdAt));
}

export async function getWebhookRow(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(webhookColumns)
    .from(webhooks)
    .where(and(eq(webhooks.id, id), eq(webhooks.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

/** The webhook with its sealed secret: only for signing a delivery. */
export async function getWebhookForDelivery(db: Db, id: string) {
  const [row] = await db
    .select({ ...webhookColumns, secretEncrypted: webhooks.secretEncrypted })
    .from(webhooks)
    .where(eq(webhooks.id, id))
    .limit(1);
  return row ?? null;
}

export async function updateWebhookRow(
  db: Db,
  workspaceId: string,
  id: string,
  set: Partial<{ url: string; events: string[]; active: boolean; secretEncrypted: string }>,
) {
  const [row] = await db
    .update(webhooks)
    .set(set)
    .where(and(eq(webhooks.id, id), eq(webhooks.workspaceId, workspaceId)))
    .returning(webhookColumns);
  return row ?? null;
}

export async function deleteWebhookRow(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .delete(webhooks)
    .where(and(eq(webhooks.id, id), eq(webhooks.workspaceId, workspaceId)))
    .returning(webhookColumns);
  return row ?? null;
}

/** Active webhooks of these workspaces (the fan-out of a batch of events). */
export async function activeWebhooksOf(db: Db, workspaceIds: string[]) {
  if (!workspaceIds.length) return [];
  return db
    .select({ id: webhooks.id, workspaceId: webhooks.workspaceId, events: webhooks.events, createdAt: webhooks.createdAt })
    .from(webhooks)
    .where(and(inArray(webhooks.workspaceId, workspaceIds), eq(webhooks.active, true)));
}

export interface DeliveryInsert {
  webhookId: string;
  event: string;
  payload: Record<string, unknown>;
}

/** New deliveries, due now; one statement for the lot. */
export async function insertDeliveries(db: Db, rows: DeliveryInsert[]) {
  if (!rows.length) return [];
  const now = new Date();
  return db
    .insert(webhookDeliveries)
    .values(rows.map((r) => ({ ...r, status: "pending", nextAttemptAt: now })))
    .returning({ id: webhookDeliveries.id, webhookId: webhookDeliveries.webhookId });
}

export const deliveryColumns = {
  id: webhookDeliveries.id,
  webhookId: webhookDeliveries.webhookId,
  event: webhookDeliveries.event,
  payload: webhookDeliveries.payload,
  attempt: webhookDeliveries.attempt,
  status: webhookDeliveries.status,
  httpStatus: webhookDeliveries.httpStatus,
  durationMs: webhookDeliveries.durationMs,
  responseExcerpt: webhookDeliveries.responseExcerpt,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  createdAt: webhookDeliveries.createdAt,
};
export type DeliveryRow = NonNullable<Awaited<ReturnType<typeof getDeliveryRow>>>;

export async function listDeliveryRows(db: Db, webhookId: string, f: { limit: number; status?: string }) {
  return db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), ...(f.status ? [eq(webhookDeliveries.status, f.status)] : [])))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(f.limit);
}

export async function getDeliveryRow(db: Db, webhookId: string, id: string) {
  const [row] = await db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.webhookId, webhookId)))
    .limit(1);
  return row ?? null;
}

/** Makes a delivery due again from its first attempt (re-send from the screen or the API). */
export async function requeueDelivery(db: Db, id: string) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", attempt: 0, nextAttemptAt: new Date(), deliveredAt: null })
    .where(eq(webhookDeliveries.id, id))
    .returning(deliveryColumns);
  return row ?? null;
}

export interface ClaimedDelivery {
  id: string;
  webhook_id: string;
  event: string;
  payload: Record<string, unknown>;
  attempt: number;
}

/**
 * Claims due deliveries (pending, retrying, or claimed by a runner that died: its lease passed):
 * counts the attempt and pushes next_attempt_at past the lease so no other runner takes them.
 * `onlyId` claims that one delivery if it is due (send now from the screen).
 */
export async function claimDueDeliveries(db: Db, limit: number, leaseSeconds: number, onlyId?: string): Promise<ClaimedDelivery[]> {
  const result = await db.execute(sql`
    UPDATE webhook_deliveries d SET status = 'delivering', attempt = d.attempt + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
    WHERE d.id IN (
      SELECT id FROM webhook_deliveries
      WHERE status IN ('pending', 'retrying', 'delivering') AND next_attempt_at <= now() ${onlyId ? sql`AND id = ${onlyId}` : sql``}
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING d.id, d.webhook_id, d.event, d.payload, d.attempt`);
  return rowsOf<ClaimedDelivery>(result).map((r) => ({ ...r, attempt: Number(r.attempt) }));
}

export async function recordDeliveryResult(
  db: Db,
  id: string,
  r: {
    status: "delivered" | "retrying" | "failed" | "cancelled";
    httpStatus: number | null;
    durationMs: number | null;
    responseExcerpt: string | null;
    nextAttemptAt: Date | null;
  },
) {
  await db
    .update(webhookDeliveries)
    .set({ ...r, deliveredAt: r.status === "delivered" ? new Date() : null })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, "delivering")));
}
