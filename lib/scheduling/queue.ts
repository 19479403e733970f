import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getAccounts, listAccounts, lockAccount } from "@/db/queries/accounts";
import { setPostingSlotsRow } from "@/db/queries/account-settings";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { PostingSlotsInput } from "../validation/suggestions";
import { isValidTimeZone } from "../time";
import { createSchedules } from "./create";
import { requireContent } from "../content";
import { assertSchedulable, isBroken } from "./targets";
import { nextFreeSlot, QUEUE_DAYS, type WeeklySlots } from "./next-slot";
import { recordPlacement, trialPlacement } from "../trials/assign";
import { runningTrialsCovering } from "@/db/queries/trials";

export type PostingSlots = WeeklySlots;

/** An account's queue times ("Mon–Fri 09:00, 12:30"), or null when it has none. */
export function slotsOf(raw: unknown): PostingSlots | null {
  const v = raw as Partial<PostingSlots> | null;
  return v && typeof v === "object" && !Array.isArray(v) && v.timezone && Array.isArray(v.slots) && v.slots.length ? (v as PostingSlots) : null;
}

/** An account's queue times as the API shows them: none set is an empty list without a zone. */
export async function getPostingSlots(db: Db, actor: Actor, accountId: string) {
  assertCan(actor.role, "accounts:read");
  const [account] = await getAccounts(db, actor.workspaceId, [accountId]);
  if (!account) throw notFound("platform_account");
  return slotsOf(account.postingSlots) ?? { timezone: null, slots: [] };
}

export async function setPostingSlots(db: Db, actor: Actor, accountId: string, input: PostingSlotsInput) {
  assertCan(actor.role, "accounts:manage");
  if (!isValidTimeZone(input.timezone)) throw new AppError("bad_request:invalid_timezone", `timezone "${input.timezone}" is not a known IANA time zone`);
  return db.transaction(async (tx) => {
    const row = await setPostingSlotsRow(tx, actor.workspaceId, accountId, input);
    if (!row) throw notFound("platform_account");
    await writeAudit(tx, actor, { action: "account.posting_slots", entityType: "platform_account", entityId: accountId, after: input });
    return input;
  });
}

/**
 * Puts an item into the next free queue slot of each account (all accounts with slots, or in a
 * running trial, unless named): free means no blackout, no other post within the account's gap,
 * under its daily cap. On an account in a running trial the post gets the trial's next arm, and
 * the arm's strategy picks the time instead of the account's slots (lib/trials/assign).
 */
export async function queueContent(db: Db, actor: Actor, contentId: string, accountIds: string[] | undefined, now = new Date()) {
  assertCan(actor.role, "schedules:write");
  const item = await requireContent(db, actor, contentId);
  let accounts = accountIds ? await getAccounts(db, actor.workspaceId, accountIds) : null;
  if (accountIds && accounts!.length !== new Set(accountIds).size) throw notFound("platform_account");
  if (!accounts) {
    const usable = (await listAccounts(db, actor.workspaceId)).filter((a) => a.status !== "disabled" && !isBroken(a.status));
    const inTrial = await runningTrialsCovering(db, actor.workspaceId, usable);
    const covered = (a: (typeof usable)[number]) => inTrial.some((t) => t.platformAccountId === a.id || t.platformId === a.platform);
    accounts = usable.filter((a) => slotsOf(a.postingSlots) || covered(a));
  }
  // Before looking for a slot, so the refusal names the account rather than a full queue.
  assertSchedulable(accounts);
  if (!accounts.length) throw new AppError("conflict:no_slots", "No account has queue times. Set posting slots on an account first.");
  return db.transaction(async (tx) => {
    const made = [];
    for (const account of accounts) {
      await lockAccount(tx, actor.workspaceId, account.id);
      const placement = await trialPlacement(tx, actor, account, item.id, now);
      const slots = slotsOf(account.postingSlots);
      if (!placement && !slots) throw new AppError("conflict:no_slots", `${account.name} has no queue times. Set its posting slots first.`);
      const timezone = placement?.timezone ?? slots!.timezone;
      const chosen = placement?.local ?? (await nextFreeSlot(tx, actor.workspaceId, account, slots!, item.id, now));
      if (!chosen) throw new AppError("conflict:queue_full", `${account.name} has no free queue slot in the next ${QUEUE_DAYS} days.`);
      const created = await createSchedules(
        tx,
        actor,
        {
          content_item_id: item.id,
          platform_account_id: account.id,
          scheduled_time: chosen,
          timezone,
          retry_strategy: "exponential",
          max_retries: 3,
          priority: "normal",
          missed_policy: "publish_late",
        },
        now,
      );
      if (placement)
        await recordPlacement(
          tx,
          placement,
          created.schedules.map((s) => s.id),
        );
      made.push(created);
    }
    return made;
  });
}
