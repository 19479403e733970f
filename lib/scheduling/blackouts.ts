import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getAccounts } from "@/db/queries/accounts";
import { deleteBlackoutRow, getBlackoutRow, insertBlackout, listBlackoutRows, updateBlackoutRow } from "@/db/queries/blackouts";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { BlackoutInput } from "../validation/preferences";
import { skipOccurrencesIn } from "@/db/queries/series";
import { emitScheduleCancelled } from "./events";
import { syncContent } from "./schedules";

/**
 * A recurring series never posts inside a blackout: occurrences already made that a new or
 * changed window covers are skipped (one-off posts stay, flagged as conflicts, for a person to move).
 */
async function skipSeriesOccurrences(
  db: Db,
  workspaceId: string,
  b: { id: string; startsAt: Date; endsAt: Date; platformAccountId: string | null; reason: string | null },
) {
  const rows = await skipOccurrencesIn(
    db,
    workspaceId,
    b.startsAt,
    b.endsAt,
    b.platformAccountId,
    `skipped: falls in a blackout${b.reason ? ` (${b.reason})` : ""}`,
  );
  if (!rows.length) return 0;
  await emitScheduleCancelled(db, rows);
  for (const id of new Set(rows.map((r) => r.contentItemId))) await syncContent(db, workspaceId, id);
  return rows.length;
}

/** Blackout windows: nothing is published inside one, for one account or the whole workspace. */
export async function listBlackouts(db: Db, actor: Actor) {
  assertCan(actor.role, "schedules:read");
  return listBlackoutRows(db, actor.workspaceId);
}

export async function requireBlackout(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "schedules:read");
  const row = await getBlackoutRow(db, actor.workspaceId, id);
  if (!row) throw notFound("blackout");
  return row;
}

async function checked(db: Db, actor: Actor, v: BlackoutInput, current?: { startsAt: Date; endsAt: Date }) {
  const startsAt = v.starts_at ? new Date(v.starts_at) : current?.startsAt;
  const endsAt = v.ends_at ? new Date(v.ends_at) : current?.endsAt;
  if (!startsAt || !endsAt) throw new AppError("bad_request:validation", "starts_at and ends_at are required");
  if (endsAt <= startsAt)
    throw new AppError("bad_request:validation", "ends_at must be after starts_at", [{ field: "ends_at", message: "must be after starts_at" }]);
  if (v.platform_account_id && !(await getAccounts(db, actor.workspaceId, [v.platform_account_id])).length)
    throw new AppError("not_found:platform_account", "platform account not found");
  return { startsAt, endsAt };
}

export async function createBlackout(db: Db, actor: Actor, v: BlackoutInput) {
  assertCan(actor.role, "schedules:write");
  const { startsAt, endsAt } = await checked(db, actor, v);
  return db.transaction(async (tx) => {
    const row = await insertBlackout(tx, {
      workspaceId: actor.workspaceId,
      platformAccountId: v.platform_account_id ?? null,
      startsAt,
      endsAt,
      reason: v.reason ?? null,
      createdBy: actor.userId,
    });
    const skipped = await skipSeriesOccurrences(tx, actor.workspaceId, row);
    await writeAudit(tx, actor, {
      action: "blackout.create",
      entityType: "blackout",
      entityId: row.id,
      after: { ...row, ...(skipped ? { series_occurrences_skipped: skipped } : {}) },
    });
    return row;
  });
}

export async function updateBlackout(db: Db, actor: Actor, id: string, v: BlackoutInput) {
  assertCan(actor.role, "schedules:write");
  return db.transaction(async (tx) => {
    const current = await requireBlackout(tx, actor, id);
    const { startsAt, endsAt } = await checked(tx, actor, v, current);
    const row = (await updateBlackoutRow(tx, actor.workspaceId, id, {
      startsAt,
      endsAt,
      ...(v.platform_account_id !== undefined ? { platformAccountId: v.platform_account_id } : {}),
      ...(v.reason !== undefined ? { reason: v.reason } : {}),
    }))!;
    const skipped = await skipSeriesOccurrences(tx, actor.workspaceId, row);
    await writeAudit(tx, actor, {
      action: "blackout.update",
      entityType: "blackout",
      entityId: id,
      before: current,
      after: { ...row, ...(skipped ? { series_occurrences_skipped: skipped } : {}) },
    });
    return row;
  });
}

export async function deleteBlackout(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "schedules:write");
  await db.transaction(async (tx) => {
    const current = await requireBlackout(tx, actor, id);
    await deleteBlackoutRow(tx, actor.workspaceId, id);
    await writeAudit(tx, actor, { action: "blackout.delete", entityType: "blackout", entityId: id, before: current });
  });
}
