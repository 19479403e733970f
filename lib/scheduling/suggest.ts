import type { Db } from "@/db/client";
import { getAccounts } from "@/db/queries/accounts";
import { readPreferences } from "@/db/queries/preferences";
import type { PlatformId } from "@/adapters/types";
import { suggestTimes } from "../suggestions";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { SuggestionsQuery } from "../validation/suggestions";
import { loadConflictContext, rulesOf } from "./conflicts";
import { resolveTimezone } from "./resolve";
import { rangeEnd } from "../validation/common";

const DEFAULT_DAYS = 14;

/** Ranked times to post on one account: research baselines, the person's limits, what is already planned. */
export async function suggestForAccount(db: Db, actor: Actor, q: SuggestionsQuery, now = new Date()) {
  assertCan(actor.role, "schedules:read");
  const [account] = await getAccounts(db, actor.workspaceId, [q.platform_account_id]);
  if (!account) throw notFound("platform_account");
  const timezone = await resolveTimezone(db, actor, q.timezone);
  const from = q.date_from ? new Date(q.date_from) : now;
  const to = q.date_to ? rangeEnd(q.date_to) : new Date(from.getTime() + DEFAULT_DAYS * 86_400_000);
  if (to <= from) throw new AppError("bad_request:validation", "date_to must be after date_from");
  if (to.getTime() - from.getTime() > 92 * 86_400_000) throw new AppError("bad_request:validation", "suggestions look at most 92 days ahead");
  const ctx = await loadConflictContext(db, actor.workspaceId, [account], from, to, timezone);
  const prefs = actor.userId ? await readPreferences(db, actor.userId) : null;
  const freq = ((prefs?.postingFrequency ?? {}) as Record<string, { min_per_week?: number | null; max_per_week?: number | null }>)[account.platform] ?? {};
  const suggestions = suggestTimes({
    platformId: account.platform as PlatformId,
    accountId: account.id,
    timezone,
    from,
    to,
    count: q.count,
    existing: ctx.existing,
    blackouts: ctx.blackouts,
    rules: rulesOf(account),
    maxPerWeek: freq.max_per_week ?? null,
    minPerWeek: freq.min_per_week ?? null,
    weekStart: prefs?.weekStart ?? 1,
    now,
  });
  return { timezone, platform_account_id: account.id, platform_id: account.platform, items: suggestions.map((s) => ({ start: s.start.toISOString(), local_time: s.local, score: Math.round(s.score * 1000) / 1000, reasons: s.reasons })) };
}
