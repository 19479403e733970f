import { and, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { idempotencyKeys } from "../schema";

/** Status of a key still being worked on: its response is not known yet. */
export const IN_PROGRESS = 0;

/**
 * Reserves a key for this request, or returns the row already holding it. One statement, so two
 * concurrent requests with the same key cannot both go ahead. Rows older than the window are
 * taken over as if absent.
 */
export async function reserveKey(db: Db, workspaceId: string, key: string, requestHash: string, windowHours: number) {
  // Expired keys, and keys whose request died mid-way (still in progress after 5 minutes), are free again.
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.workspaceId, workspaceId),
        eq(idempotencyKeys.key, key),
        or(
          lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${windowHours})`),
          and(eq(idempotencyKeys.responseStatus, IN_PROGRESS), lt(idempotencyKeys.createdAt, sql`now() - interval '5 minutes'`)),
        ),
      ),
    );
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ workspaceId, key, requestHash, responseStatus: IN_PROGRESS, responseBody: "" })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length) return null;
  const [row] = await db
    .select({ requestHash: idempotencyKeys.requestHash, status: idempotencyKeys.responseStatus, body: idempotencyKeys.responseBody })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.key, key)));
  return row ?? null;
}

/** `body` is the answer's text exactly as sent, so a replay can send the same bytes. */
export async function completeKey(db: Db, workspaceId: string, key: string, status: number, body: string) {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: status, responseBody: body })
    .where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.key, key)));
}

/** Frees a key whose request failed, so the client may retry with it. */
export async function releaseKey(db: Db, workspaceId: string, key: string) {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.responseStatus, IN_PROGRESS)));
}
