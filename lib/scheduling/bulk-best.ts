import type { Db } from "@/db/client";
import { getAccounts, lockAccount } from "@/db/queries/accounts";
import { runningTrialsCovering } from "@/db/queries/trials";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { requireContent } from "../content";
import type { BulkScheduleInput } from "../validation/schedules";
import { addDaysLocal, formatLocal, parseLocal, resolveLocal } from "../time";
import { bestFreeTimes } from "./best-free";
import { placeAtBestTime } from "./best-queue";
import type { ItemError } from "./bulk";
import { rulesOf } from "./conflicts";
import { createSchedules } from "./create";
import { assertSchedulable } from "./targets";

const MAX_DAYS = 92;
type Made = Awaited<ReturnType<typeof placeAtBestTime>>;
type Item = Awaited<ReturnType<typeof requireContent>>;

/**
 * Bulk scheduling "at the best free times": on every chosen account, the items take its best free
 * times between the pattern's first and last day (in its zone), in list order onto those times in
 * time order. One suggestion pass per account and content type finds all of them at once (each
 * content type seeing the posts placed before it), keeping the minimum gap, the daily cap, the
 * blackouts and the person's weekly limits. On an account in a running trial of posting times
 * each post is dealt to an arm instead, one after the other (lib/scheduling/best-queue.ts). All or
 * none, every item's problem listed, as bulkSchedule.
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
  const window = { from, to, timezone };
  const options = {
    retry_strategy: input.retry_strategy,
    retry_delays: input.retry_delays,
    max_retries: input.max_retries,
    priority: input.priority,
    missed_policy: input.missed_policy,
  };
  const ids = [...new Set(input.platform_account_ids)];
  return db.transaction(async (tx) => {
    const accounts = await getAccounts(tx, actor.workspaceId, ids);
    if (accounts.length !== ids.length) throw notFound("platform_account");
    assertSchedulable(accounts);
    const errors = new Map<number, ItemError>();
    const fail = (index: number, err: unknown) => {
      if (!(err instanceof AppError)) throw err;
      const id = input.content_item_ids[index]!;
      if (!errors.has(index))
        errors.set(index, { index, content_item_id: id, code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) });
    };
    const items: { index: number; item: Item }[] = [];
    for (const [index, id] of input.content_item_ids.entries()) {
      try {
        items.push({ index, item: await requireContent(tx, actor, id) });
      } catch (err) {
        fail(index, err);
      }
    }
    const made = new Map<number, Made[]>();
    const keep = (index: number, m: Made) => made.set(index, [...(made.get(index) ?? []), m]);

    for (const account of accounts) {
      await lockAccount(tx, actor.workspaceId, account.id);
      if ((await runningTrialsCovering(tx, actor.workspaceId, [account])).length) {
        for (const { index, item } of items) {
          try {
            keep(index, await placeAtBestTime(tx, actor, item, account, window, now, options));
          } catch (err) {
            fail(index, err);
          }
        }
        continue;
      }
      // A daily cap above two lets that many a day; otherwise two at most, to spread them out.
      const perDay = Math.max(2, rulesOf(account).dailyCap ?? 2);
      for (const type of [...new Set(items.map((i) => i.item.contentType))]) {
        const group = items.filter((i) => i.item.contentType === type);
        const times = await bestFreeTimes(tx, actor, account.id, { count: group.length, from, to, timezone, perDay, contentType: type }, now);
        for (const [k, { index, item }] of group.entries()) {
          const at = times[k];
          try {
            if (!at) throw new AppError("conflict:queue_full", `${account.name} has no free time left in that range.`);
            keep(
              index,
              await createSchedules(
                tx,
                actor,
                { content_item_id: item.id, platform_account_id: account.id, scheduled_time: at.local, timezone: at.timezone, ...options },
                now,
              ),
            );
          } catch (err) {
            fail(index, err);
          }
        }
      }
    }
    if (errors.size) {
      const n = input.content_item_ids.length;
      throw new AppError(
        "bad_request:bulk",
        `${errors.size} of ${n} items cannot be scheduled; nothing was scheduled`,
        [...errors.values()].sort((a, b) => a.index - b.index),
      );
    }
    // One answer per item, as for the other patterns: its posts on every account together.
    const created = items.map(({ index }) => {
      const parts = made.get(index)!;
      return {
        ...parts[0]!,
        schedules: parts.flatMap((m) => m.schedules),
        warnings: parts.flatMap((m) => m.warnings),
        conflicts: parts.flatMap((m) => m.conflicts),
        ambiguous: parts.some((m) => m.ambiguous),
      };
    });
    // Each account has its own time; the item's is its earliest.
    const slots = created.map((c) => [...c.schedules].sort((a, b) => a.scheduledTime.getTime() - b.scheduledTime.getTime())[0]!.localTime);
    return { created, slots, timezone };
  });
}

const patternError = (message: string) => new AppError("bad_request:pattern", `pattern: ${message}`, [{ field: "pattern", message }]);
