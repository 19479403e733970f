/**
 * Filling empty posting slots from evergreen categories. For each account a category covers, the
 * slots of the next days that the queue would call free (no blackout, gap, cap, no post at that
 * minute) each get one item of the category, by its order, honouring the re-post rules. Each
 * placement is an ordinary new schedule (its own history and exactly-once key), made through
 * createSchedules. Only content somebody approved, or that went out before and was not changed
 * since under a role the approval policy covers, is recycled.
 */
import type { Db } from "@/db/client";
import { getAccounts } from "@/db/queries/accounts";
import { listVariants } from "@/db/queries/content";
import { rolesSinceApproval } from "@/db/queries/content-versions";
import { writeAudit } from "@/db/queries/audit";
import { emitEvent } from "@/db/queries/events";
import {
  candidateRows,
  clearSkip,
  filledSlots,
  insertPlacement,
  itemTimesOnAccount,
  setPlacementSchedule,
  upsertSkip,
  type CandidateRow,
  type CategoryRow,
} from "@/db/queries/evergreen";
import { lockAccount } from "@/db/queries/accounts";
import { getDescriptor, platformName, validateFor } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";
import { needsApproval } from "../approvals/state";
import type { Actor } from "../auth/actor";
import { AppError } from "../errors";
import { draftFor } from "../content/post-draft";
import { createSchedules } from "../scheduling/create";
import { slotBoard } from "../scheduling/next-slot";
import { slotsOf } from "../scheduling/queue";
import { isBroken } from "../scheduling/targets";
import { nextText, rotationOf } from "./rotation";

const DAY_MS = 86_400_000;

export interface Placed {
  schedule_id: string;
  content_item_id: string;
  title: string;
  platform_account_id: string;
  scheduled_time: string;
  local_time: string;
  timezone: string;
  text: string | null;
}

export interface Skipped {
  content_item_id: string;
  title: string;
  platform_account_id: string;
  code: string;
  reason: string;
}

export interface FillResult {
  category_id: string;
  placed: Placed[];
  skipped: Skipped[];
  /** Free slots left empty: no item of the category could go there. */
  unfilled: number;
}

export interface FillOptions {
  now: Date;
  days: number;
  approvalPolicy: string;
  /** Uniform numbers in [0, 1) for the random order (seeded in tests). */
  random: () => number;
}

interface ItemState {
  row: CandidateRow;
  times: number[];
  reposts: number;
  /** The text that went out (or will) last on the account, by time. */
  history: { at: number; text: string | null }[];
  baseText: string | null;
  rotation: string[];
}

/** Why items of a category may not be recycled at all (approval), before any slot is looked at. */
async function eligibility(db: Db, rows: CandidateRow[], policy: string) {
  const roles = await rolesSinceApproval(
    db,
    rows.map((r) => r.id),
  );
  const refusal = new Map<string, { code: string; reason: string }>();
  for (const r of rows) {
    if (r.status === "archived") refusal.set(r.id, { code: "archived", reason: "Archived content is not recycled." });
    else if (!r.approved_once && !r.published_before)
      refusal.set(r.id, { code: "not_approved", reason: "Not approved yet: only approved or already published content is recycled." });
    else if (needsApproval(policy, roles.get(r.id) ?? []))
      refusal.set(r.id, { code: "not_approved", reason: "Changed since it was approved: get this version approved before it is recycled." });
  }
  return refusal;
}

export function ordered(items: ItemState[], order: string, slot: number, random: () => number): ItemState[] {
  if (order === "random") {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
  // Least recently posted (before this slot) first; never posted before all; then the order added.
  const last = (s: ItemState) => Math.max(-Infinity, ...s.times.filter((t) => t < slot));
  return [...items].sort((a, b) => last(a) - last(b));
}

/** Fills one account's empty slots from one category, in the caller's transaction. */
async function fillAccount(
  tx: Db,
  actor: Actor,
  category: CategoryRow,
  account: Awaited<ReturnType<typeof getAccounts>>[number],
  rows: CandidateRow[],
  refusal: Map<string, { code: string; reason: string }>,
  opts: FillOptions,
  out: FillResult,
) {
  const slots = slotsOf(account.postingSlots);
  const platform = account.platform as PlatformId;
  const skipNote = new Map<string, { code: string; reason: string }>();
  const placedIds = new Set<string>();
  // The last reason an item was passed over after its last placement; waiting out min_days after
  // going out is the rule working, not a skip worth showing.
  const note = (id: string, code: string, reason: string) => {
    if (!(code === "min_days" && placedIds.has(id))) skipNote.set(id, { code, reason });
  };
  if (!slots) return;
  // One runner per account at a time: a second one waits here, then sees the slots filled.
  await lockAccount(tx, actor.workspaceId, account.id);
  const to = new Date(opts.now.getTime() + opts.days * DAY_MS);
  const board = await slotBoard(tx, actor.workspaceId, account, slots, opts.now, to);
  const filled = await filledSlots(tx, account.id, opts.now, to);
  const eligible = rows.filter((r) => !refusal.has(r.id));
  for (const r of rows) if (refusal.has(r.id)) note(r.id, refusal.get(r.id)!.code, refusal.get(r.id)!.reason);

  const times = await itemTimesOnAccount(
    tx,
    account.id,
    eligible.map((r) => r.id),
  );
  const refuses = getDescriptor(platform).refusesDuplicateText === true;
  const states: ItemState[] = [];
  for (const r of eligible) {
    const mine = times.filter((t) => t.content_item_id === r.id);
    let baseText: string | null = null;
    if (refuses) {
      const variant = (await listVariants(tx, r.id)).find((v) => v.platform === platform);
      baseText = draftFor({ contentType: r.content_type as never, title: r.title, content: r.content, tags: [] }, variant, []).text;
    }
    states.push({
      row: r,
      times: mine.map((t) => new Date(t.at).getTime()),
      reposts: mine.filter((t) => t.evergreen).length,
      history: mine.map((t) => ({ at: new Date(t.at).getTime(), text: t.evergreen ? t.text : baseText })),
      baseText,
      rotation: refuses ? rotationOf(baseText ?? "", r.texts) : [],
    });
  }

  for (const slot of board.slots) {
    const at = slot.instant.getTime();
    if (filled.has(at) || !board.isFree(slot.instant)) continue;
    let done = false;
    for (const s of ordered(states, category.orderBy, at, opts.random)) {
      const id = s.row.id;
      if (category.maxReposts !== null && s.reposts >= category.maxReposts) {
        note(id, "max_reposts", `Re-posted ${s.reposts} time${s.reposts === 1 ? "" : "s"} on this account already, the category's maximum.`);
        continue;
      }
      if (s.times.some((t) => Math.abs(t - at) < category.minDays * DAY_MS)) {
        note(id, "min_days", `Posted on this account less than ${category.minDays} day${category.minDays === 1 ? "" : "s"} from the free slots.`);
        continue;
      }
      let text: string | null = null;
      if (refuses) {
        const before = s.history.filter((h) => h.at < at).sort((a, b) => a.at - b.at);
        const last = before.length ? before[before.length - 1]!.text : null;
        const usable = s.rotation.filter(
          (t) =>
            !validateFor(platform, { contentType: "post", title: s.row.title, text: t, media: [], tags: [] }, account.config as Record<string, unknown>).some(
              (i) => i.severity === "error",
            ),
        );
        text = nextText(usable, last);
        if (text === null) {
          note(id, "identical_text", `${platformName(platform)} refuses identical text; add a variant.`);
          continue;
        }
      }
      try {
        const schedule = await tx.transaction(async (sp) => {
          const placementId = crypto.randomUUID();
          const won = await insertPlacement(sp, {
            id: placementId,
            workspaceId: actor.workspaceId,
            categoryId: category.id,
            contentItemId: id,
            platformAccountId: account.id,
            slotAt: slot.instant,
            text,
          });
          if (!won) return null;
          const made = await createSchedules(
            sp,
            actor,
            {
              content_item_id: id,
              platform_account_id: account.id,
              scheduled_time: slot.local,
              timezone: slots.timezone,
              retry_strategy: "exponential",
              max_retries: 3,
              priority: "low",
              missed_policy: "publish_late",
              metadata: { evergreen: { category_id: category.id, ...(text !== null ? { text } : {}) } },
            },
            opts.now,
          );
          const row = made.schedules[0]!;
          await setPlacementSchedule(sp, placementId, row.id);
          await emitEvent(sp, actor.workspaceId, "evergreen_scheduled", {
            category_id: category.id,
            schedule_id: row.id,
            content_item_id: id,
            platform_account_id: account.id,
            scheduled_time: row.scheduledTime.toISOString(),
          });
          return row;
        });
        if (!schedule) {
          done = true; // another runner filled this slot a moment ago
          break;
        }
        out.placed.push({
          schedule_id: schedule.id,
          content_item_id: id,
          title: s.row.title,
          platform_account_id: account.id,
          scheduled_time: schedule.scheduledTime.toISOString(),
          local_time: schedule.localTime,
          timezone: schedule.timezone,
          text,
        });
        s.times.push(at);
        s.reposts++;
        s.history.push({ at, text: refuses ? text : null });
        board.add(slot.instant, id);
        placedIds.add(id);
        skipNote.delete(id);
        done = true;
        break;
      } catch (err) {
        if (!(err instanceof AppError) || err.kind === "internal") throw err;
        note(id, "cannot_schedule", err.message);
      }
    }
    if (!done) out.unfilled++;
  }
  for (const r of rows) {
    const why = skipNote.get(r.id);
    if (!why) {
      await clearSkip(tx, category.id, r.id, account.id);
      continue;
    }
    await upsertSkip(tx, { categoryId: category.id, contentItemId: r.id, platformAccountId: account.id, code: why.code, reason: why.reason, at: opts.now });
    out.skipped.push({ content_item_id: r.id, title: r.title, platform_account_id: account.id, code: why.code, reason: why.reason });
  }
}

/**
 * Fills the category's accounts' free slots over the next `days`. Each account in a transaction of
 * its own, so one account's trouble (disconnected, no slots) leaves the others filled.
 */
export async function fillCategory(db: Db, actor: Actor, category: CategoryRow, opts: FillOptions): Promise<FillResult> {
  const out: FillResult = { category_id: category.id, placed: [], skipped: [], unfilled: 0 };
  if (!category.platformAccountIds.length) return out;
  const accounts = await getAccounts(db, actor.workspaceId, category.platformAccountIds);
  const rows = await candidateRows(db, category.id);
  if (!rows.length) return out;
  const refusal = await eligibility(db, rows, opts.approvalPolicy);
  for (const account of accounts) {
    if (account.status === "disabled" || isBroken(account.status)) continue;
    await db.transaction((tx) => fillAccount(tx, actor, category, account, rows, refusal, opts, out));
  }
  if (out.placed.length) {
    await writeAudit(db, actor, {
      action: "evergreen.fill",
      entityType: "evergreen_category",
      entityId: category.id,
      after: { placed: out.placed.length, schedules: out.placed.map((p) => p.schedule_id), skipped: out.skipped.length },
    });
  }
  return out;
}
