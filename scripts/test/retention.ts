/** Rows of every kind the retention covers, at chosen times, for the retention tests. */
import crypto from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../../db/client";
import {
  auditLog,
  contentAnalytics,
  contentItems,
  eventConsumptions,
  notifications,
  publishAttempts,
  publishingEvents,
  schedules,
  webhookDeliveries,
  webhooks,
} from "../../db/schema";
import { makeAccount } from "./publishing";

type Status = (typeof schedules.$inferInsert)["publishStatus"];
type Outcome = (typeof publishAttempts.$inferInsert)["outcome"];

export const DAY = 86_400_000;
export const ago = (now: Date, days: number, plusMs = 0) => new Date(now.getTime() - days * DAY + plusMs);

async function item(db: Db, workspaceId: string) {
  const [row] = await db.insert(contentItems).values({ workspaceId, title: "Retention", content: "Kept or not" }).returning({ id: contentItems.id });
  return row!.id;
}

/** A schedule in `status` with its attempts (numbered 1, 2 … in the order given). */
export async function scheduleWithAttempts(db: Db, workspaceId: string, status: Status, attempts: { at: Date; outcome?: Outcome; durationMs?: number }[]) {
  const accountId = await makeAccount(db, workspaceId, "sandbox");
  const contentItemId = await item(db, workspaceId);
  const at = attempts[0]?.at ?? new Date();
  const id = crypto.randomUUID();
  await db.insert(schedules).values({
    id,
    workspaceId,
    contentItemId,
    platformAccountId: accountId,
    platformId: "sandbox",
    scheduledTime: at,
    originalTime: at,
    localTime: at.toISOString().slice(0, 16),
    publishStatus: status,
    idempotencyKey: `${id}:v1`,
  });
  const ids: string[] = [];
  for (const [i, a] of attempts.entries()) {
    const [row] = await db
      .insert(publishAttempts)
      .values({ scheduleId: id, attemptNumber: i + 1, startedAt: a.at, finishedAt: a.at, outcome: a.outcome ?? "success", durationMs: a.durationMs ?? 200 })
      .returning({ id: publishAttempts.id });
    ids.push(row!.id);
  }
  return { scheduleId: id, attemptIds: ids };
}

export async function measurement(db: Db, workspaceId: string, at: Date) {
  const contentItemId = await item(db, workspaceId);
  const [row] = await db.insert(contentAnalytics).values({ contentItemId, platformId: "sandbox", measuredAt: at }).returning({ id: contentAnalytics.id });
  return row!.id;
}

/** An event, marked handled by the consumers named. */
export async function event(db: Db, workspaceId: string, at: Date, handledBy: string[] = ["notifications", "webhooks"]) {
  const [row] = await db
    .insert(publishingEvents)
    .values({ workspaceId, type: "schedule_created", data: {}, createdAt: at })
    .returning({ id: publishingEvents.id });
  for (const consumer of handledBy) await db.insert(eventConsumptions).values({ consumer, eventId: row!.id });
  return row!.id;
}

export async function notification(db: Db, workspaceId: string, userId: string, at: Date) {
  const [row] = await db
    .insert(notifications)
    .values({ workspaceId, userId, type: "test", title: "Old news", createdAt: at })
    .returning({ id: notifications.id });
  return row!.id;
}

export async function audit(db: Db, workspaceId: string | null, at: Date) {
  const [row] = await db.insert(auditLog).values({ workspaceId, action: "test.old", entityType: "test", createdAt: at }).returning({ id: auditLog.id });
  return String(row!.id);
}

const hooks = new Map<string, string>();
export async function delivery(db: Db, workspaceId: string, at: Date, status = "delivered") {
  let webhookId = hooks.get(workspaceId);
  if (!webhookId) {
    const [hook] = await db
      .insert(webhooks)
      .values({ workspaceId, url: "https://example.test/hook", events: ["schedule_created"], secretEncrypted: "sealed" })
      .returning({ id: webhooks.id });
    hooks.set(workspaceId, (webhookId = hook!.id));
  }
  const [row] = await db
    .insert(webhookDeliveries)
    .values({ webhookId, event: "schedule_created", payload: {}, status, createdAt: at, nextAttemptAt: status === "delivered" ? null : at })
    .returning({ id: webhookDeliveries.id });
  return row!.id;
}

const TABLE = {
  publish_attempts: publishAttempts,
  analytics: contentAnalytics,
  events: publishingEvents,
  notifications,
  audit_log: auditLog,
  webhook_deliveries: webhookDeliveries,
} as const;

/** Which of these ids of `kind` are still there. */
export async function present(db: Db, kind: keyof typeof TABLE, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const t = TABLE[kind];
  const col = t.id;
  const found = kind === "events" || kind === "audit_log" ? ids.map(Number) : ids;
  const rows = await db
    .select({ id: col })
    .from(t)
    .where(inArray(col as never, found as never[]));
  return rows.map((r) => String(r.id)).sort();
}

export async function counter(db: Db, name: string, label: string): Promise<number> {
  const [row] = rowsOf<{ value: number | string }>(await db.execute(sql`SELECT value FROM metric_counters WHERE name = ${name} AND labels = ${label}`));
  return Number(row?.value ?? 0);
}

export async function setRetention(db: Db, workspaceId: string, retention: unknown) {
  const { workspaces } = await import("../../db/schema");
  await db
    .update(workspaces)
    .set({ settings: sql`jsonb_set(coalesce(${workspaces.settings}, '{}'::jsonb), '{retention}', ${JSON.stringify(retention)}::jsonb)` })
    .where(eq(workspaces.id, workspaceId));
}
