"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { archiveContent, deleteContent, restoreContent } from "@/lib/content";
import { bulkSchedule, type ItemError } from "@/lib/scheduling/bulk";
import { listSchedules, transitionSchedule, updateSchedule } from "@/lib/scheduling/schedules";
import { addDaysLocal, formatLocal, parseLocal } from "@/lib/time/local";
import { bulkScheduleSchema } from "@/lib/validation/schedules";
import { contentListQuery } from "@/lib/validation/content";
import { exportContentCsv } from "@/lib/import/export";
import { AppError, toErrorResponse } from "@/lib/errors";

// The content list's bulk actions. Each item is tried on its own (in its own transaction) and the
// answer lists every item's outcome, so the screen can say "3 archived, 1 refused: why".
const ids = z
  .array(z.uuid({ message: "ids must be content ids" }))
  .min(1, "select at least one item")
  .max(500, "at most 500 items at once");

export interface BulkOutcome {
  done: string[];
  refused: { id: string; message: string }[];
}

async function eachItem(db: Db, list: string[], fn: (tx: Db, id: string) => Promise<unknown>): Promise<BulkOutcome> {
  const out: BulkOutcome = { done: [], refused: [] };
  for (const id of [...new Set(list)]) {
    try {
      await db.transaction((tx) => fn(tx, id).then(() => undefined));
      out.done.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out.refused.push({ id, message: toErrorResponse(err).body.error.message });
    }
  }
  actionRuntime.revalidate("/");
  return out;
}

/** The open schedules of an item in the given states (an item has a handful, never pages of them). */
async function openSchedules(db: Db, actor: Actor, contentItemId: string, statuses: ("pending" | "paused")[]) {
  const r = await listSchedules(db, actor, { content_item_id: contentItemId, publish_status: statuses, page: 1, limit: 100, sort: "scheduled_time" });
  return r.items;
}

export const bulkContentAction = action(
  "content:write",
  z.object({ ids, op: z.enum(["archive", "restore", "delete", "pause", "resume"]) }),
  async ({ db, actor, input }) => {
    return eachItem(db, input.ids, async (tx, id) => {
      if (input.op === "archive") return archiveContent(tx, actor, id);
      if (input.op === "restore") return restoreContent(tx, actor, id);
      if (input.op === "delete") return deleteContent(tx, actor, id);
      const from = input.op === "pause" ? "pending" : "paused";
      const open = await openSchedules(tx, actor, id, [from]);
      if (!open.length) throw new AppError(`conflict:no_${from}`, input.op === "pause" ? "nothing scheduled to pause" : "nothing paused to resume");
      for (const s of open) await transitionSchedule(tx, actor, s.id, input.op);
    });
  },
);

/** Moves every open schedule of each item by whole days, keeping its wall time (like a calendar drag). */
export const bulkRescheduleAction = action(
  "schedules:write",
  z.object({
    ids,
    days: z
      .number({ message: "days must be a number" })
      .int("days must be a whole number")
      .min(-365, "move by at most 365 days")
      .max(365, "move by at most 365 days")
      .refine((d) => d !== 0, "move by at least one day"),
  }),
  async ({ db, actor, input }) =>
    eachItem(db, input.ids, async (tx, id) => {
      const open = await openSchedules(tx, actor, id, ["pending", "paused"]);
      if (!open.length) throw new AppError("conflict:not_scheduled", "nothing scheduled to move");
      for (const s of open) {
        const local = parseLocal(s.localTime);
        if (!local) throw new AppError("bad_request:invalid_time", `schedule has an unreadable time ${s.localTime}`);
        await updateSchedule(tx, actor, s.id, { scheduled_time: formatLocal(addDaysLocal(local, input.days)), version: s.version });
      }
    }),
);

/**
 * Schedules the selection on a pattern. The rule (all or none) is the API's; this only turns its
 * refusal into per-item reasons the screen can list instead of one sentence.
 */
export const bulkScheduleItemsAction = action(operation("post /schedules/bulk"), bulkScheduleSchema, async ({ db, actor, input }) => {
  try {
    const r = await bulkSchedule(db, actor, input);
    actionRuntime.revalidate("/");
    return { done: input.content_item_ids, schedules: r.created.reduce((n, c) => n + c.schedules.length, 0), refused: [] as BulkOutcome["refused"] };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "bad_request:bulk" || !Array.isArray(err.details)) throw err;
    return { done: [] as string[], schedules: 0, refused: (err.details as ItemError[]).map((e) => ({ id: e.content_item_id, message: e.message })) };
  }
});

/** The list as filtered and sorted on screen, every page of it, as the CSV the import reads back. */
export const exportContentListAction = action("content:read", contentListQuery.omit({ page: true, limit: true }), async ({ db, actor, input }) =>
  exportContentCsv(db, actor, input),
);
