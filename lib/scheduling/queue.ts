import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getAccounts, listAccounts, lockAccount } from "@/db/queries/accounts";
import { setPostingSlotsRow } from "@/db/queries/account-settings";
import type { PlatformId } from "@/adapters/types";
import { checkSlot } from "../conflicts";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { PostingSlotsInput } from "../validation/suggestions";
import { addDaysLocal, formatLocal, isValidTimeZone, parseLocal, resolveLocal, utcToLocal, weekdayOf } from "../time";
import { loadConflictContext } from "./conflicts";
import { createSchedules } from "./create";
import { requireContent } from "../content";
import { assertSchedulable, isBroken } from "./targets";

export interface PostingSlots {
  timezone: string;
  slots: { days: number[]; times: string[] }[];
}
const QUEUE_DAYS = 60;

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

/** Slot wall times from a day on, in order: each day, its times sorted. */
function* slotTimes(s: PostingSlots, from: Date): Generator<string> {
  const start = utcToLocal(from, s.timezone);
  let day = parseLocal(`${formatLocal(start).slice(0, 10)}T00:00`)!;
  for (let i = 0; i < QUEUE_DAYS; i++, day = addDaysLocal(day, 1)) {
    const wd = weekdayOf(day);
    const times = [...new Set(s.slots.filter((x) => x.days.includes(wd)).flatMap((x) => x.times))].sort();
    for (const t of times) yield `${formatLocal(day).slice(0, 10)}T${t}`;
  }
}

/**
 * Puts an item into the next free queue slot of each account (all accounts with slots unless
 * named): free means no blackout, no other post within the account's gap, under its daily cap.
 */
export async function queueContent(db: Db, actor: Actor, contentId: string, accountIds: string[] | undefined, now = new Date()) {
  assertCan(actor.role, "schedules:write");
  const item = await requireContent(db, actor, contentId);
  const accounts = accountIds
    ? await getAccounts(db, actor.workspaceId, accountIds)
    : (await listAccounts(db, actor.workspaceId)).filter((a) => slotsOf(a.postingSlots) && a.status !== "disabled" && !isBroken(a.status));
  if (accountIds && accounts.length !== new Set(accountIds).size) throw notFound("platform_account");
  // Before looking for a slot, so the refusal names the account rather than a full queue.
  assertSchedulable(accounts);
  if (!accounts.length) throw new AppError("conflict:no_slots", "No account has queue times. Set posting slots on an account first.");
  return db.transaction(async (tx) => {
    const made = [];
    for (const account of accounts) {
      const slots = slotsOf(account.postingSlots);
      if (!slots) throw new AppError("conflict:no_slots", `${account.name} has no queue times. Set its posting slots first.`);
      await lockAccount(tx, actor.workspaceId, account.id);
      const ctx = await loadConflictContext(tx, actor.workspaceId, [account], now, new Date(now.getTime() + QUEUE_DAYS * 86_400_000), slots.timezone);
      let chosen: string | null = null;
      for (const local of slotTimes(slots, now)) {
        const instant = resolveLocal(parseLocal(local)!, slots.timezone).instant;
        if (instant <= now) continue;
        const slot = { accountId: account.id, platformId: account.platform as PlatformId, contentItemId: item.id, instant };
        if (checkSlot(slot, ctx).length === 0) {
          chosen = local;
          break;
        }
      }
      if (!chosen) throw new AppError("conflict:queue_full", `${account.name} has no free queue slot in the next ${QUEUE_DAYS} days.`);
      made.push(
        await createSchedules(
          tx,
          actor,
          {
            content_item_id: item.id,
            platform_account_id: account.id,
            scheduled_time: chosen,
            timezone: slots.timezone,
            retry_strategy: "exponential",
            max_retries: 3,
            priority: "normal",
            missed_policy: "publish_late",
          },
          now,
        ),
      );
    }
    return made;
  });
}
