/**
 * Applies the composer's plan for content that already has open schedules (lib/composer/reconcile),
 * through the same lib functions as the API: a move is PATCH /schedules/{id} (version check,
 * conflicts, blackouts, the publish run moved with the new version), a cancel is
 * POST /schedules/{id}/cancel, a whole-series change is PATCH /series/{id}, an addition is
 * POST /schedules. Runs inside the caller's transaction, so a refusal changes nothing.
 */
import type { Db } from "@/db/client";
import { platformName } from "@/adapters/registry";
import { listScheduleRows } from "@/db/queries/schedules";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { createSchedules } from "../scheduling/create";
import { OPEN_STATUSES, transitionSchedule, updateSchedule } from "../scheduling/schedules";
import { setSeriesAccounts, updateSeries } from "../scheduling/series";
import { scheduleCreateSchema, type recurrenceSchema } from "../validation/schedules";
import type { z } from "zod";
import { describeLocal } from "./schedule";
import { anchorOf, planEdit, type EditIntent, type EditScope, type OpenSchedule } from "./reconcile";

export interface ScheduleEditInput {
  contentItemId: string;
  accounts: string[];
  local: string;
  timezone: string;
  recurrence?: z.infer<typeof recurrenceSchema>;
  anchorId: string | null;
  scope: EditScope;
  intent: EditIntent;
  /** The open schedules the person saw, with their versions. */
  known: { id: string; version: number }[];
  /** The schedules the person confirmed cancelling. */
  confirmedCancel: string[];
  /** The moment of the save: "Publish now" names its own minute, which must not read as past. */
  now?: Date;
}

export interface ScheduleEditResult {
  moved: number;
  added: number;
  cancelled: number;
  /** Open occurrences of the series replaced at the new time or accounts. */
  seriesReplaced: number;
  seriesCreated: number;
  seriesMoved: boolean;
  to: { local: string; timezone: string };
  warnings: string[];
}

/** Open schedules of an item (as the plan reads them); a long series has many, so no page limit. */
export async function openSchedulesOf(db: Db, actor: Actor, contentItemId: string): Promise<OpenSchedule[]> {
  const { items } = await listScheduleRows(db, actor.workspaceId, {
    contentItemId,
    statuses: [...OPEN_STATUSES],
    sort: "scheduled_time",
    limit: 5000,
    offset: 0,
  });
  return items.map((s) => ({
    id: s.id,
    version: s.version,
    accountId: s.platformAccountId,
    accountName: s.accountName,
    platformName: platformName(s.platformId),
    localTime: s.localTime,
    timezone: s.timezone,
    at: s.scheduledTime.toISOString(),
    seriesId: s.recurrenceSeriesId,
    status: s.publishStatus,
  }));
}

const STALE =
  "The schedules of this post changed since you opened it (moved, added, cancelled or sent by someone else). Reload the page to see them as they are now, then save again.";

export async function applyScheduleEdit(db: Db, actor: Actor, input: ScheduleEditInput): Promise<ScheduleEditResult> {
  const open = await openSchedulesOf(db, actor, input.contentItemId);
  // What the person decided on must still be what there is: each schedule they saw is open at
  // the version they saw, and no one-off was added meanwhile (a long series shows its first
  // weeks only, so its later occurrences may be unseen).
  const known = new Map(input.known.map((k) => [k.id, k.version]));
  for (const [id, version] of known) {
    const now = open.find((s) => s.id === id);
    if (!now || now.version !== version) throw new AppError("conflict:version", STALE);
  }
  if (open.some((s) => !known.has(s.id) && s.seriesId === null)) throw new AppError("conflict:version", STALE);

  const plan = planEdit(open, {
    accounts: input.accounts,
    local: input.local,
    timezone: input.timezone,
    anchorId: input.anchorId,
    scope: input.scope,
    intent: input.intent,
  });
  if (input.recurrence && input.intent === "schedule" && !plan.series) {
    throw new AppError("bad_request:recurrence", "This post already has schedules: to add a repeating series next to them, use Add another time.");
  }
  const confirmed = new Set(input.confirmedCancel);
  const unconfirmed = plan.cancel.filter((s) => known.has(s.id) && !confirmed.has(s.id));
  if (unconfirmed.length) {
    throw new AppError(
      "bad_request:confirm_cancel",
      `Saving would cancel ${unconfirmed.length} schedule${unconfirmed.length === 1 ? "" : "s"} (${[...new Set(unconfirmed.map((s) => s.accountName))].join(", ")}); confirm the cancellation first.`,
    );
  }

  const result: ScheduleEditResult = {
    moved: 0,
    added: 0,
    cancelled: 0,
    seriesReplaced: 0,
    seriesCreated: 0,
    seriesMoved: false,
    to: { local: input.local, timezone: input.timezone },
    warnings: [],
  };
  for (const s of plan.cancel) {
    await transitionSchedule(db, actor, s.id, "cancel");
    result.cancelled++;
  }
  for (const s of plan.move) {
    const { row, warnings } = await updateSchedule(db, actor, s.id, { scheduled_time: input.local, timezone: input.timezone, version: s.version }, input.now);
    result.to = { local: row.localTime, timezone: row.timezone };
    result.warnings.push(...warnings.map((w) => w.message));
    result.moved++;
  }
  if (plan.series) {
    const { id, accounts, move } = plan.series;
    // The series' accounts first (a joining account is checked like any new schedule), then its
    // time or rule. When only the accounts change, nothing else is touched: a joining account gets
    // the planned occurrences, and what was cancelled or paused stays so.
    const replace = move || !!input.recurrence;
    const joined = await setSeriesAccounts(db, actor, id, accounts, input.now ?? new Date(), { fill: !replace });
    result.seriesCreated += joined.created;
    result.warnings.push(...joined.skippedOccurrences.map((x) => `${x.local_time.replace("T", " ")} was not added: it falls in a blackout.`));
    if (replace) {
      const from = anchorOf(open, input.anchorId)?.localTime;
      const r = await updateSeries(
        db,
        actor,
        id,
        { ...(move ? { scheduled_time: input.local, timezone: input.timezone } : {}), ...(input.recurrence ? { recurrence: input.recurrence } : {}) },
        input.now ?? new Date(),
        move && from ? { from } : {},
      );
      result.seriesReplaced = r.replaced;
      result.seriesCreated = r.created;
      result.seriesMoved = move;
    }
  }
  if (plan.add.length) {
    const parsed = scheduleCreateSchema.safeParse({
      content_item_id: input.contentItemId,
      platform_account_ids: plan.add,
      scheduled_time: input.local,
      timezone: input.timezone,
      ...(input.intent === "add_time" && input.recurrence ? { recurrence: input.recurrence } : {}),
    });
    if (!parsed.success) throw new AppError("bad_request:validation", parsed.error.issues[0]?.message ?? "invalid schedule");
    const r = await createSchedules(db, actor, parsed.data, input.now);
    result.added = r.schedules.length;
    result.warnings.push(...r.warnings.map((w) => w.message), ...r.conflicts.map((c) => c.message));
  } else if (input.intent === "add_time") {
    throw new AppError(
      "conflict:duplicate",
      `Every ticked account already posts at ${input.local.replace("T", " ")} ${input.timezone}. Pick another time to add.`,
    );
  }
  return result;
}

/** One line for the toast: what the save did to the schedules. */
export function describeEdit(r: ScheduleEditResult): string {
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  const at = `${describeLocal(r.to.local.slice(0, 16))} ${r.to.timezone}`;
  const parts: string[] = [];
  if (r.seriesReplaced || r.seriesMoved) parts.push(`${r.seriesMoved ? "Moved the series" : "Updated the series"}: ${n(r.seriesCreated, "post")} from ${at}`);
  else if (r.seriesCreated) parts.push(`Added ${n(r.seriesCreated, "post")} to the series`);
  if (r.moved) parts.push(`Moved ${n(r.moved, "post")} to ${at}`);
  if (r.added) parts.push(`${parts.length ? "added" : "Added"} ${r.added} at ${at}`);
  if (r.cancelled) parts.push(`${parts.length ? "cancelled" : "Cancelled"} ${r.cancelled}`);
  return parts.length ? parts.join(", ") : "Saved; the schedules are unchanged";
}
