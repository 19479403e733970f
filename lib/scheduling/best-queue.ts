/**
 * "At the best free times": posts placed in the highest-scoring free slots of each account's
 * best-time suggestions (lib/scheduling/best-free.ts), keeping its minimum gap, daily cap,
 * blackouts and the person's weekly limits. From the composer (one post, each account at its own
 * best time) and from bulk scheduling (many posts, one after the other, each seeing the ones
 * placed before it).
 */
import type { Db } from "@/db/client";
import { getAccounts, lockAccount } from "@/db/queries/accounts";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { requireContent } from "../content";
import { bestFreeTimes } from "./best-free";
import { parseLocal, resolveLocal } from "../time";
import { recordPlacement, trialPlacement } from "../trials/assign";
import { createSchedules } from "./create";
import type { ScheduleCreateInput } from "../validation/schedules";
import type { CONTENT_TYPES } from "@/db/schema/values";

type ContentType = (typeof CONTENT_TYPES)[number];
import { assertSchedulable } from "./targets";

export const BEST_DAYS = 14;

export interface Window {
  from?: Date;
  to?: Date;
  timezone?: string;
}

type ScheduleOptions = Pick<ScheduleCreateInput, "retry_strategy" | "retry_delays" | "max_retries" | "priority" | "missed_policy">;
const DEFAULTS: ScheduleOptions = { retry_strategy: "exponential", max_retries: 3, priority: "normal", missed_policy: "publish_late" };

/**
 * One post on one account at its best free time in the window; 409 when there is none. On an
 * account in a running trial of posting times, the post gets the trial's next arm instead and the
 * arm's strategy picks its time (lib/trials/assign), as queueing does.
 */
export async function placeAtBestTime(
  tx: Db,
  actor: Actor,
  item: { id: string; contentType: ContentType },
  account: Parameters<typeof trialPlacement>[2],
  w: Window,
  now: Date,
  options: ScheduleOptions = DEFAULTS,
) {
  // Two saves at once must not both take the same free time.
  await lockAccount(tx, actor.workspaceId, account.id);
  const offered = await trialPlacement(tx, actor, account, item.id, now);
  // A bulk range is the person's word: an arm's time outside it leaves the post out of the trial.
  const placement = offered && inWindow(resolveLocal(parseLocal(offered.local)!, offered.timezone).instant, w) ? offered : null;
  const [best] = placement
    ? [{ local: placement.local, timezone: placement.timezone }]
    : await bestFreeTimes(
        tx,
        actor,
        account.id,
        { count: 1, from: w.from, to: w.to, days: BEST_DAYS, timezone: w.timezone, contentType: item.contentType },
        now,
      );
  if (!best) throw new AppError("conflict:queue_full", `${account.name} has no free time ${w.to ? "left in that range" : `in the next ${BEST_DAYS} days`}.`);
  const made = await createSchedules(
    tx,
    actor,
    { content_item_id: item.id, platform_account_id: account.id, scheduled_time: best.local, timezone: best.timezone, ...options },
    now,
  );
  if (placement)
    await recordPlacement(
      tx,
      placement,
      made.schedules.map((s) => s.id),
    );
  return made;
}

const inWindow = (t: Date, w: Window) => (!w.from || t >= w.from) && (!w.to || t < w.to);

/**
 * One post on each account at that account's best free time (in the next two weeks unless a
 * window is given), in one transaction: a full account is a 409 naming it, and nothing is kept.
 */
export async function scheduleAtBestTimes(db: Db, actor: Actor, contentId: string, accountIds: readonly string[], now = new Date(), w: Window = {}) {
  assertCan(actor.role, "schedules:write");
  const ids = [...new Set(accountIds)];
  if (!ids.length) throw new AppError("bad_request:validation", "Choose at least one account.");
  return db.transaction(async (tx) => {
    const item = await requireContent(tx, actor, contentId);
    const accounts = await getAccounts(tx, actor.workspaceId, ids);
    if (accounts.length !== ids.length) throw notFound("platform_account");
    assertSchedulable(accounts);
    const made = [];
    for (const account of accounts) made.push(await placeAtBestTime(tx, actor, item, account, w, now));
    return made;
  });
}
