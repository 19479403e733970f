import type { Db } from "@/db/client";
import { blackoutsOverlapping } from "@/db/queries/blackouts";
import { schedulesInWindow } from "@/db/queries/schedules";
import type { PlatformId } from "@/adapters/types";
import { checkSlot, defaultRules, formatWhen, suggestFreeTime, type AccountRules, type CheckContext, type Conflict, type Slot } from "../conflicts";
import { AppError } from "../errors";

export interface AccountLike {
  id: string;
  platform: string;
  config?: unknown;
}

/** An account's posting rules: the platform's defaults, overridden by the account's settings. */
export function rulesOf(account: AccountLike): AccountRules {
  const c = (account.config ?? {}) as { min_gap_minutes?: number; daily_cap?: number | null; duplicate_days?: number };
  return defaultRules(account.platform as PlatformId, {
    ...(typeof c.min_gap_minutes === "number" ? { minGapMinutes: c.min_gap_minutes } : {}),
    ...(c.daily_cap !== undefined ? { dailyCap: c.daily_cap } : {}),
    ...(typeof c.duplicate_days === "number" ? { duplicateDays: c.duplicate_days } : {}),
  });
}

const MARGIN_MS = 8 * 86_400_000; // covers the duplicate window (7 days) and a local day either side

/** Existing schedules, blackouts and rules around [from, to] for these accounts. */
export async function loadConflictContext(db: Db, workspaceId: string, accounts: AccountLike[], from: Date, to: Date, timezone: string): Promise<CheckContext> {
  const ids = accounts.map((a) => a.id);
  const lo = new Date(from.getTime() - MARGIN_MS);
  const hi = new Date(to.getTime() + MARGIN_MS);
  const [rows, blackouts] = await Promise.all([
    Promise.all(ids.map((id) => schedulesInWindow(db, workspaceId, { platformAccountId: id, from: lo, to: hi }))).then((r) => r.flat()),
    blackoutsOverlapping(db, workspaceId, lo, hi, ids),
  ]);
  const byId = new Map(accounts.map((a) => [a.id, rulesOf(a)]));
  return {
    existing: rows.map((r) => ({
      id: r.id,
      accountId: r.platformAccountId,
      platformId: r.platformId as PlatformId,
      contentItemId: r.contentItemId,
      instant: r.scheduledTime,
      status: r.publishStatus,
      title: r.title,
    })),
    blackouts: blackouts.map((b) => ({ id: b.id, accountId: b.platformAccountId, startsAt: b.startsAt, endsAt: b.endsAt, reason: b.reason })),
    rules: (id) => byId.get(id) ?? defaultRules("sandbox"),
    timezone,
  };
}

export interface ConflictWarning {
  type: "conflict";
  conflict_type: Conflict["type"];
  message: string;
  schedule_ids: string[];
  suggested_time: string | null;
}

/** Warnings listed in one answer; a long series with many would only bury the first ones. */
const MAX_WARNINGS = 20;
/** Free times looked up per answer: each is a scan, so only the first conflicts get one. */
const MAX_SUGGESTIONS = 3;

/**
 * Checks new slots against what is already planned: a blackout refuses the whole request with
 * 409; the soft rules come back as warnings, the first few with the next free time. New slots are
 * not checked against each other: they are one post on several accounts, or the occurrences of one
 * rule, whose spacing the rule decides.
 */
export function judgeSlots(candidates: Slot[], ctx: CheckContext, now: Date): ConflictWarning[] {
  const warnings: ConflictWarning[] = [];
  let suggestions = 0;
  const freeTime = (c: Slot) => (suggestions++ < MAX_SUGGESTIONS ? suggestFreeTime(c, ctx, { now }) : null);
  for (const c of candidates) {
    const found = checkSlot(c, ctx);
    if (!found.length) continue;
    const hard = found.filter((f) => f.severity === "error");
    if (hard.length) {
      const free = suggestFreeTime(c, ctx, { now });
      // Times in the words are wall times in the schedule's zone (the one the person typed them in);
      // the details keep the instant (ISO) for API clients.
      throw new AppError(
        "conflict:blackout",
        `${hard.map((h) => h.message).join(" ")}${free ? ` The next free time is ${formatWhen(free.getTime(), ctx.timezone)} (${ctx.timezone}).` : ""}`,
        hard.map((h) => ({ type: h.type, message: h.message, blackout_id: h.blackoutId ?? null, suggested_time: free?.toISOString() ?? null })),
      );
    }
    if (warnings.length >= MAX_WARNINGS) continue;
    const free = freeTime(c);
    for (const f of found)
      warnings.push({ type: "conflict", conflict_type: f.type, message: f.message, schedule_ids: f.scheduleIds, suggested_time: free?.toISOString() ?? null });
  }
  return warnings.slice(0, MAX_WARNINGS);
}
