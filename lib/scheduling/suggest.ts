import type { Db } from "@/db/client";
import { getAccounts } from "@/db/queries/accounts";
import { readPreferences } from "@/db/queries/preferences";
import type { PlatformId } from "@/adapters/types";
import { researchBasis, suggestTimes } from "../suggestions";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { SuggestionsForAccountsInput, SuggestionsQuery } from "../validation/suggestions";
import { loadConflictContext, rulesOf } from "./conflicts";
import { resolveTimezone } from "./resolve";
import { rangeEnd } from "../validation/common";
import { countSuggestions } from "../monitoring/counters";
import { modelsOf } from "@/db/queries/best-times";
import { baselineReason, slotModelOf } from "../besttimes/stored";
import { INTERVAL } from "../besttimes/model";

const DEFAULT_DAYS = 14;

/**
 * Ranked times to post on each of these accounts, in the order given: the account's learned
 * best-time model (lib/besttimes; the content type's when asked and there is one) or, without
 * one, research baselines; the person's limits; what is already planned on that account. Each answer names the account, its
 * platform and the research behind it. An id outside the workspace is a 404 for the whole call.
 */
export interface SuggestOptions {
  /** Only free times (lib/suggestions `strict`); the API's answer keeps rule breaks, marked. */
  strict?: boolean;
  perDay?: number;
  /** "baseline": research only, whatever the account has learned (a trial's baseline arm). */
  basis?: "learned" | "baseline";
}

export async function suggestForAccounts(db: Db, actor: Actor, q: SuggestionsForAccountsInput, now = new Date(), o: SuggestOptions = {}) {
  assertCan(actor.role, "schedules:read");
  const ids = [...new Set(q.platform_account_ids)];
  const found = await getAccounts(db, actor.workspaceId, ids);
  const accounts = ids.map((id) => found.find((a) => a.id === id));
  if (accounts.some((a) => !a)) throw notFound("platform_account");
  const timezone = await resolveTimezone(db, actor, q.timezone);
  const from = q.date_from ? new Date(q.date_from) : now;
  const to = q.date_to ? rangeEnd(q.date_to) : new Date(from.getTime() + DEFAULT_DAYS * 86_400_000);
  if (to <= from) throw new AppError("bad_request:validation", "date_to must be after date_from");
  if (to.getTime() - from.getTime() > 92 * 86_400_000) throw new AppError("bad_request:validation", "suggestions look at most 92 days ahead");
  const [ctx, prefs, models] = await Promise.all([
    loadConflictContext(db, actor.workspaceId, found, from, to, timezone),
    actor.userId ? readPreferences(db, actor.userId) : null,
    o.basis === "baseline" ? [] : modelsOf(db, actor.workspaceId, ids, q.content_type),
  ]);
  const frequency = (prefs?.postingFrequency ?? {}) as Record<string, { min_per_week?: number | null; max_per_week?: number | null }>;
  const answer = {
    timezone,
    accounts: accounts.map((account) => {
      const a = account!;
      const platformId = a.platform as PlatformId;
      const freq = frequency[a.platform] ?? {};
      const model = slotModelOf(
        models.filter((m) => m.platformAccountId === a.id),
        platformId,
        q.content_type,
      );
      const suggestions = suggestTimes({
        platformId,
        accountId: a.id,
        timezone,
        from,
        to,
        count: q.count,
        existing: ctx.existing,
        blackouts: ctx.blackouts,
        rules: rulesOf(a),
        maxPerWeek: freq.max_per_week ?? null,
        minPerWeek: freq.min_per_week ?? null,
        weekStart: prefs?.weekStart ?? 1,
        now,
        strict: o.strict,
        perDay: o.perDay,
        model,
      });
      const basis = researchBasis(platformId);
      return {
        platform_account_id: a.id,
        platform_id: a.platform,
        platform_name: basis.platform,
        account_name: a.name,
        research: { platform: basis.research, label: basis.label },
        basis: model
          ? { source: "learned" as const, reason: model.reason, posts: model.posts }
          : { source: "baseline" as const, reason: baselineReason(platformId), posts: 0 },
        items: suggestions.map((s) => ({
          start: s.start.toISOString(),
          local_time: s.local,
          score: Math.round(s.score * 1000) / 1000,
          expected_engagement_rate: s.expected?.rate ?? null,
          interval: s.expected ? { low: s.expected.low, high: s.expected.high, probability: INTERVAL } : null,
          posts: s.slotPosts,
          reason: s.basis,
          reasons: s.reasons,
        })),
      };
    }),
  };
  await countSuggestions(
    db,
    answer.accounts.map((a) => ({ platform: a.platform_id, n: a.items.length })),
  );
  return answer;
}

/** Ranked times to post on one account (GET /api/v1/suggestions/times). */
export async function suggestForAccount(db: Db, actor: Actor, q: SuggestionsQuery, now = new Date()) {
  const { platform_account_id, ...rest } = q;
  const r = await suggestForAccounts(db, actor, { ...rest, platform_account_ids: [platform_account_id] }, now);
  return { timezone: r.timezone, ...r.accounts[0]! };
}
