import type { Db } from "@/db/client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { BulkScheduleInput } from "../validation/schedules";
import { createSchedules } from "./create";
import { planPattern } from "./patterns";
import { resolveTimezone } from "./resolve";
import { bulkAtBestTimes } from "./bulk-best";

export interface ItemError {
  index: number;
  content_item_id: string;
  code: string;
  message: string;
  details?: unknown;
}

/**
 * Schedules many items on a pattern, all or none: every item is tried (each in a savepoint) so
 * the answer lists every item's problem, and if any failed nothing is kept.
 *
 * Posts placed on a fixed pattern (daily, weekly_slots, spread) are not dealt to the arms of a
 * running trial of posting times: the pattern fixes their times, and a post at a time its arm's
 * strategy did not pick would measure the pattern, not the arm. The best_times pattern lets the
 * times be chosen, so there each post on an account in a trial gets the trial's next arm and the
 * arm's time (when it falls in the range; lib/scheduling/bulk-best.ts).
 */
export async function bulkSchedule(db: Db, actor: Actor, input: BulkScheduleInput, now = new Date()) {
  assertCan(actor.role, "schedules:write");
  const ids = input.content_item_ids;
  if (new Set(ids).size !== ids.length) throw new AppError("bad_request:validation", "content_item_ids lists an item twice");
  const timezone = await resolveTimezone(db, actor, input.pattern.timezone);
  if (input.pattern.type === "best_times") return bulkAtBestTimes(db, actor, input, timezone, now);
  const plan = planPattern({ ...input.pattern, type: input.pattern.type, timezone }, ids.length, now);
  if (!plan.ok) throw new AppError("bad_request:pattern", `pattern: ${plan.message}`, [{ field: "pattern", message: plan.message }]);
  return db.transaction(async (tx) => {
    const errors: ItemError[] = [];
    const created: Awaited<ReturnType<typeof createSchedules>>[] = [];
    for (const [index, id] of ids.entries()) {
      try {
        created.push(
          await createSchedules(
            tx,
            actor,
            {
              content_item_id: id,
              platform_account_ids: input.platform_account_ids,
              scheduled_time: plan.slots[index]!,
              timezone,
              retry_strategy: input.retry_strategy,
              retry_delays: input.retry_delays,
              max_retries: input.max_retries,
              priority: input.priority,
              missed_policy: input.missed_policy,
            },
            now,
          ),
        );
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        errors.push({ index, content_item_id: id, code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) });
      }
    }
    if (errors.length) {
      throw new AppError("bad_request:bulk", `${errors.length} of ${ids.length} items cannot be scheduled; nothing was scheduled`, errors);
    }
    return { created, slots: plan.slots, timezone };
  });
}
