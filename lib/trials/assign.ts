/**
 * Dealing new posts to a running trial's arms. Queueing calls `trialPlacement` for each account,
 * inside its transaction and after locking the account: the covering trial's row is locked too, so
 * two posts queued at once are dealt one after the other and never both see the same arm as the
 * one with the fewest posts. The arm's strategy then picks the time:
 * - slots: the arm's next free weekly slot, exactly as the queue picks the account's;
 * - learned / baseline: the earliest of the account's three best free times in the next 14 days
 *   (bestFreeTimes), so the post goes out soon but at a time the strategy rates highly.
 */
import type { Db } from "@/db/client";
import { armCounts, markTrialPost, runningTrialsCovering, type TrialRow } from "@/db/queries/trials";
import { bestFreeTimes } from "../scheduling/best-free";
import { nextFreeSlot, QUEUE_DAYS } from "../scheduling/next-slot";
import type { AccountLike } from "../scheduling/conflicts";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { armsOf, chooseArm, type Arm } from "./arms";
import { settleTrial } from "./evaluate";

export interface TrialPlacement {
  trial: TrialRow;
  arm: Arm;
  /** Wall time in `timezone`, "YYYY-MM-DDTHH:mm". */
  local: string;
  timezone: string;
}

const BEST_OF = 3;

/** The time the arm's strategy picks for a post on this account; null when it has no free one. */
export async function armTime(db: Db, actor: Actor, trial: TrialRow, arm: Arm, account: AccountLike, contentItemId: string, now: Date): Promise<string | null> {
  if (arm.strategy === "slots") {
    return nextFreeSlot(db, actor.workspaceId, account, { timezone: trial.timezone, slots: arm.slots ?? [] }, contentItemId, now);
  }
  // The earliest of the arm's best few free times: a queued post goes out soon, at a good time.
  const basis = arm.strategy === "baseline" ? "baseline" : "learned";
  const best = await bestFreeTimes(db, actor, account.id, { count: BEST_OF, timezone: trial.timezone, basis }, now);
  return best[0]?.local ?? null;
}

/**
 * The running trial covering the account, its arm for the next post and that arm's time; null
 * when no trial runs on it (a trial whose stop rule is met is completed here and takes no more).
 * Call inside a transaction: the trial's row stays locked until it ends.
 */
export async function trialPlacement(
  tx: Db,
  actor: Actor,
  account: AccountLike & { name: string },
  contentItemId: string,
  now: Date,
): Promise<TrialPlacement | null> {
  const [locked] = await runningTrialsCovering(tx, actor.workspaceId, [account], { lock: true });
  if (!locked) return null;
  const trial = await settleTrial(tx, locked, now, { locked: true });
  if (trial.status !== "running") return null;
  const arm = chooseArm(armsOf(trial.arms), trial.allocation, await armCounts(tx, trial.id));
  const local = await armTime(tx, actor, trial, arm, account, contentItemId, now);
  if (!local) {
    const where = arm.strategy === "slots" ? `in the next ${QUEUE_DAYS} days` : "among its best times of the next 14 days";
    throw new AppError(
      "conflict:queue_full",
      `${account.name} has no free time for the arm “${arm.name}” of the trial “${trial.name}” ${where}. Stop the trial, or free some time.`,
      [{ trial_id: trial.id, arm: arm.key }],
    );
  }
  return { trial, arm, local, timezone: trial.timezone };
}

/** Records the trial and arm on the schedules just created for a placement. */
export async function recordPlacement(tx: Db, placement: TrialPlacement, scheduleIds: string[]) {
  for (const id of scheduleIds) await markTrialPost(tx, id, placement.trial.id, placement.arm.key);
}
