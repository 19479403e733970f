/**
 * Adopting an arm of an ended trial as the posting slots (queue times) of the trial's accounts,
 * in the trial's zone. It changes account settings, so it takes what setting posting slots takes
 * (accounts:manage, admins). The winner is adopted as asked; any other arm (or any arm of a trial
 * without a winner) only with `confirm: true`.
 *
 * Which weekly times an arm stands for:
 * - a slots arm: its own slot set;
 * - a learned or baseline arm: the weekly times (weekday and time of day) its posts on that
 *   account actually went out at during the trial, most used first; the evidence is about those
 *   times. When they are fewer than wanted, the account's best free times of the next 7 days
 *   fill the rest. As many weekly times as the account had before, or 5 if it had none.
 */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { lockAccount } from "@/db/queries/accounts";
import { setPostingSlotsRow } from "@/db/queries/account-settings";
import { accountsOfTrial, getTrialRow, trialPostRows, UNCOUNTED_STATUSES, updateTrialRow, type TrialRow } from "@/db/queries/trials";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { bestFreeTimes } from "../scheduling/best-free";
import { slotsOf } from "../scheduling/queue";
import { formatLocal, parseLocal, utcToLocal, weekdayOf } from "../time";
import type { TrialAdoptInput } from "../validation/trials";
import { armsOf, slotsFromPairs, weeklyTimes, type Arm, type WeeklySlot } from "./arms";
import { resultsOf, settleTrial } from "./evaluate";
import { viewTrial, type TrialView } from "./manage";

const DEFAULT_WEEKLY = 5;
const UNCOUNTED = new Set<string>(UNCOUNTED_STATUSES);

type Pair = { weekday: number; time: string };
const pairOf = (local: string): Pair => ({ weekday: weekdayOf(parseLocal(local)!), time: local.slice(11, 16) });

/** The weekly times a learned or baseline arm stands for on one account (see above). */
async function learnedSlots(db: Db, actor: Actor, trial: TrialRow, arm: Arm, account: { id: string; postingSlots: unknown }, now: Date) {
  const current = slotsOf(account.postingSlots);
  const want = current ? weeklyTimes(current.slots) || DEFAULT_WEEKLY : DEFAULT_WEEKLY;
  const posts = (await trialPostRows(db, trial.workspaceId, trial.id)).filter(
    (p) => p.arm === arm.key && p.platformAccountId === account.id && !UNCOUNTED.has(p.status),
  );
  const used = new Map<string, { pair: Pair; n: number; first: number }>();
  posts.forEach((p, i) => {
    const pair = pairOf(formatLocal(utcToLocal(p.scheduledTime, trial.timezone)));
    const k = `${pair.weekday} ${pair.time}`;
    const seen = used.get(k);
    if (seen) seen.n++;
    else used.set(k, { pair, n: 1, first: i });
  });
  const picked = [...used.values()].sort((a, b) => b.n - a.n || a.first - b.first).slice(0, want);
  const keys = new Set(picked.map((p) => `${p.pair.weekday} ${p.pair.time}`));
  const pairs = picked.map((p) => p.pair);
  if (pairs.length < want) {
    const basis = arm.strategy === "baseline" ? "baseline" : "learned";
    const best = await bestFreeTimes(db, actor, account.id, { count: want * 2, days: 7, timezone: trial.timezone, perDay: want, basis }, now);
    for (const b of best) {
      const pair = pairOf(b.local);
      const k = `${pair.weekday} ${pair.time}`;
      if (pairs.length >= want || keys.has(k)) continue;
      keys.add(k);
      pairs.push(pair);
    }
  }
  return slotsFromPairs(pairs);
}

export interface Adopted {
  platform_account_id: string;
  timezone: string;
  slots: WeeklySlot[];
}

export async function adoptArm(db: Db, actor: Actor, id: string, input: TrialAdoptInput, now = new Date()): Promise<TrialView & { adopted: Adopted[] }> {
  assertCan(actor.role, "accounts:manage");
  const found = await getTrialRow(db, actor.workspaceId, id);
  if (!found) throw notFound("trial");
  const trial = await settleTrial(db, found, now);
  if (trial.status === "running") throw new AppError("conflict:trial_running", `The trial “${trial.name}” is still running. Stop it first, then adopt an arm.`);
  const arms = armsOf(trial.arms);
  const arm = arms.find((a) => a.key === input.arm);
  if (!arm)
    throw new AppError("bad_request:validation", `arm: no arm "${input.arm}"; the arms are ${arms.map((a) => a.key).join(", ")}`, [
      { field: "arm", message: "not an arm of this trial" },
    ]);
  const verdict = (await resultsOf(db, trial, now)).verdict;
  const winner = verdict?.outcome === "winner" ? verdict.arm : null;
  if (winner !== arm.key && input.confirm !== true) {
    const why = winner
      ? `the winner is “${arms.find((a) => a.key === winner)?.name ?? winner}”`
      : verdict
        ? "the trial found no clear difference"
        : "the trial ended without a verdict";
    throw new AppError("conflict:confirm", `“${arm.name}” is not the trial's winner (${why}). Send confirm: true to adopt it anyway.`, [
      { field: "confirm", message: "needed to adopt an arm that is not the winner" },
    ]);
  }
  const accounts = await accountsOfTrial(db, trial);
  if (!accounts.length) throw new AppError("conflict:no_accounts", "The trial's accounts no longer exist: there is nothing to adopt the arm on.");

  const adopted = await db.transaction(async (tx) => {
    const out: Adopted[] = [];
    // Accounts first, then the trial: the order queueing takes them in.
    for (const account of accounts) {
      await lockAccount(tx, actor.workspaceId, account.id);
      const slots = arm.strategy === "slots" ? (arm.slots ?? []) : await learnedSlots(tx, actor, trial, arm, account, now);
      if (!slots.length) throw new AppError("conflict:no_times", `No weekly times could be found for “${arm.name}” on ${account.name}.`);
      const value = { timezone: trial.timezone, slots };
      await setPostingSlotsRow(tx, actor.workspaceId, account.id, value);
      await writeAudit(tx, actor, {
        action: "account.posting_slots",
        entityType: "platform_account",
        entityId: account.id,
        before: slotsOf(account.postingSlots),
        after: { ...value, trial_id: trial.id, arm: arm.key },
      });
      out.push({ platform_account_id: account.id, ...value });
    }
    const held = await getTrialRow(tx, actor.workspaceId, trial.id, { lock: true });
    if (!held) throw notFound("trial");
    await updateTrialRow(tx, actor.workspaceId, trial.id, { adoptedArm: arm.key, adoptedAt: now, adoptedBy: actor.userId });
    await writeAudit(tx, actor, {
      action: "trial.adopt",
      entityType: "trial",
      entityId: trial.id,
      before: { adopted_arm: held.adoptedArm },
      after: { adopted_arm: arm.key, winner, confirmed: winner !== arm.key, accounts: out },
    });
    return out;
  });
  return { ...(await viewTrial(db, (await getTrialRow(db, actor.workspaceId, trial.id))!, now)), adopted };
}
