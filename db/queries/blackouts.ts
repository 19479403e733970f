import { and, asc, eq, gt, lt, or, isNull, inArray, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { scheduleExceptions } from "../schema";

export const blackoutColumns = {
  id: scheduleExceptions.id,
  platformAccountId: scheduleExceptions.platformAccountId,
  startsAt: scheduleExceptions.startsAt,
  endsAt: scheduleExceptions.endsAt,
  reason: scheduleExceptions.reason,
  createdAt: scheduleExceptions.createdAt,
};

/** Blackouts overlapping [from, to), for these accounts and the whole workspace. */
export async function blackoutsOverlapping(db: Db, workspaceId: string, from: Date, to: Date, accountIds?: string[]) {
  const scope: SQL[] = [eq(scheduleExceptions.workspaceId, workspaceId), lt(scheduleExceptions.startsAt, to), gt(scheduleExceptions.endsAt, from)];
  if (accountIds)
    scope.push(
      or(
        isNull(scheduleExceptions.platformAccountId),
        inArray(scheduleExceptions.platformAccountId, accountIds.length ? accountIds : ["00000000-0000-0000-0000-000000000000"]),
      )!,
    );
  return db
    .select(blackoutColumns)
    .from(scheduleExceptions)
    .where(and(...scope))
    .orderBy(asc(scheduleExceptions.startsAt));
}

export async function listBlackoutRows(db: Db, workspaceId: string) {
  return db.select(blackoutColumns).from(scheduleExceptions).where(eq(scheduleExceptions.workspaceId, workspaceId)).orderBy(asc(scheduleExceptions.startsAt));
}

export async function getBlackoutRow(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(blackoutColumns)
    .from(scheduleExceptions)
    .where(and(eq(scheduleExceptions.id, id), eq(scheduleExceptions.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function insertBlackout(
  db: Db,
  v: { workspaceId: string; platformAccountId: string | null; startsAt: Date; endsAt: Date; reason: string | null; createdBy: string | null },
) {
  const [row] = await db.insert(scheduleExceptions).values(v).returning(blackoutColumns);
  return row!;
}

export async function updateBlackoutRow(
  db: Db,
  workspaceId: string,
  id: string,
  v: Partial<{ platformAccountId: string | null; startsAt: Date; endsAt: Date; reason: string | null }>,
) {
  const [row] = await db
    .update(scheduleExceptions)
    .set(v)
    .where(and(eq(scheduleExceptions.id, id), eq(scheduleExceptions.workspaceId, workspaceId)))
    .returning(blackoutColumns);
  return row ?? null;
}

export async function deleteBlackoutRow(db: Db, workspaceId: string, id: string) {
  await db.delete(scheduleExceptions).where(and(eq(scheduleExceptions.id, id), eq(scheduleExceptions.workspaceId, workspaceId)));
}
