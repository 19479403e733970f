import type { Db } from "@/db/client";
import { getAccounts } from "@/db/queries/accounts";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { requireContent } from "../content";
import type { BulkScheduleInput } from "../validation/schedules";
import { addDaysLocal, formatLocal, parseLocal, resolveLocal } from "../time";
import { placeAtBestTime } from "./best-queue";
import type { ItemError } from "./bulk";
import { assertSchedulable } from "./targets";

const MAX_DAYS = 92;

/**
 * Bulk scheduling "at the best free times": the items in order, each on every chosen account at
 * that account's best free time between the pattern's first and last day (in its zone), each
 * placed seeing the ones before it. All or none, every item's problem listed, as bulkSchedule.
 */
export async function bulkAtBestTimes(db: Db, actor: Actor, input: BulkScheduleInput, timezone: string, now: Date) {
  const { start_date, end_date } = input.pattern;
  const first = parseLocal(`${start_date}T00:00`)!;
  const afterLast = addDaysLocal(parseLocal(`${end_date}T00:00`)!, 1);
  if (formatLocal(afterLast) <= formatLocal(first)) throw patternError("end_date must not be before start_date");
  const from = resolveLocal(first, timezone).instant;
  const to = resolveLocal(afterLast, timezone).instant;
  if (to.getTime() - from.getTime() > (MAX_DAYS + 1) * 86_400_000) throw patternError(`best_times looks at most ${MAX_DAYS} days ahead`);
  if (to <= now) throw patternError("the date range is over");
  const ids = [...new Set(input.platform_account_ids)];
  return db.transaction(async (tx) => {
    const accounts = await getAccounts(tx, actor.workspaceId, ids);
    if (accounts.length !== ids.length) throw notFound("platform_account");
    assertSchedulable(accounts);
    const errors: ItemError[] = [];
    const created: Awaited<ReturnType<typeof placeAtBestTime>>[] = [];
    const slots: string[] = [];
    for (const [index, id] of input.content_item_ids.entries()) {
      try {
        const item = await requireContent(tx, actor, id);
        const made = [];
        for (const account of accounts) {
          made.push(
            await placeAtBestTime(tx, actor, item, account, { from, to, timezone }, now, {
              retry_strategy: input.retry_strategy,
              retry_delays: input.retry_delays,
              max_retries: input.max_retries,
              priority: input.priority,
              missed_policy: input.missed_policy,
            }),
          );
        }
        // One answer per item, as for the other patterns: its posts on every account together.
        created.push({
          ...made[0]!,
          schedules: made.flatMap((m) => m.schedules),
          warnings: made.flatMap((m) => m.warnings),
          conflicts: made.flatMap((m) => m.conflicts),
          ambiguous: made.some((m) => m.ambiguous),
        });
        // Each account has its own time; the item's is its earliest.
        slots.push(made.flatMap((m) => m.schedules).sort((a, b) => a.scheduledTime.getTime() - b.scheduledTime.getTime())[0]!.localTime);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        errors.push({ index, content_item_id: id, code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) });
      }
    }
    if (errors.length) {
      const n = input.content_item_ids.length;
      throw new AppError("bad_request:bulk", `${errors.length} of ${n} items cannot be scheduled; nothing was scheduled`, errors);
    }
    return { created, slots, timezone };
  });
}

const patternError = (message: string) => new AppError("bad_request:pattern", `pattern: ${message}`, [{ field: "pattern", message }]);
