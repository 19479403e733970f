/**
 * Fitting and storing the best-time models (lib/besttimes/model.ts) of a workspace's accounts.
 *
 * For each account, three levels, each the prior of the next (docs/best-times.md):
 *   1. the research baseline of its platform (lib/suggestions/baselines.ts);
 *   2. the platform pool: the workspace's OTHER accounts on the same platform, each one's rates
 *      divided by its own mean so a big account's audience does not swamp a small one's timing —
 *      left out when there are none (and the account's own posts never count twice);
 *   3. the account itself (content_type "*"), and per content type it has posts of, a model
 *      whose prior is the account's model fitted on its posts of the other types.
 * Only posts of the last LOOKBACK_DAYS with a rate count; recency weighting is the model's.
 */
import type { Db } from "@/db/client";
import type { PlatformId } from "@/adapters/types";
import {
  accountsOnPlatforms,
  clearRefits,
  modelsLearnedBefore,
  observationsFor,
  queuedRefits,
  replaceModels,
  requestRefits,
  type ModelRow,
  type ObservationRow,
} from "@/db/queries/best-times";
import { DAY_MS } from "../time";
import { baselinePrior, fitModel, priorFrom, type FittedModel, type ModelPrior, type Observation } from "./model";
import { packSlots } from "./stored";

export const LOOKBACK_DAYS = 365;
/** Models are refitted at least this often: recency weights move on as days pass. */
export const REFIT_AFTER_MS = DAY_MS;

const toObservation = (o: ObservationRow, now: Date, scale = 1): Observation => ({
  weekday: o.weekday,
  hour: Math.floor(o.minuteOfDay / 60),
  rate: (o.rate ?? 0) / scale,
  ageDays: Math.max(0, (now.getTime() - o.postedAt.getTime()) / DAY_MS),
});

const mean = (xs: readonly ObservationRow[]) => xs.reduce((n, o) => n + (o.rate ?? 0), 0) / xs.length;

/** The platform pool's prior for `accountId`: the other accounts' posts, each scaled to its own mean. */
function poolPrior(platform: PlatformId, accountId: string, byAccount: Map<string, ObservationRow[]>, now: Date): { prior: ModelPrior; posts: number } | null {
  const pooled: Observation[] = [];
  for (const [id, rows] of byAccount) {
    if (id === accountId || !rows.length) continue;
    const m = mean(rows);
    if (!(m > 0)) continue;
    for (const o of rows) pooled.push(toObservation(o, now, m));
  }
  if (!pooled.length) return null;
  // The shape travels; the level does not (it is another audience's).
  return { prior: { ...priorFrom(fitModel(pooled, baselinePrior(platform))), level: null, levelWeight: 0 }, posts: pooled.length };
}

/**
 * The zone an account's weekdays and hours are read in: the one most of its posts went out in
 * (the latest post's among equals), as their slots were taken in each post's own zone.
 */
export function dominantZone(rows: readonly Pick<ObservationRow, "timezone" | "postedAt">[]): string | null {
  const seen = new Map<string, { n: number; last: number }>();
  for (const o of rows) {
    const s = seen.get(o.timezone) ?? { n: 0, last: 0 };
    seen.set(o.timezone, { n: s.n + 1, last: Math.max(s.last, o.postedAt.getTime()) });
  }
  let best: [string, { n: number; last: number }] | null = null;
  for (const e of seen) if (!best || e[1].n > best[1].n || (e[1].n === best[1].n && e[1].last > best[1].last)) best = e;
  return best?.[0] ?? null;
}

function row(
  workspaceId: string,
  accountId: string,
  contentType: string,
  timezone: string,
  model: FittedModel,
  prior: string,
  priorPosts: number,
  rows: readonly ObservationRow[],
  now: Date,
): ModelRow {
  const through = rows.reduce<Date | null>((t, o) => (t === null || o.updatedAt > t ? o.updatedAt : t), null);
  return {
    workspaceId,
    platformAccountId: accountId,
    contentType,
    timezone,
    prior,
    priorPosts,
    posts: model.posts,
    effectivePosts: model.effectivePosts,
    level: model.level,
    levelSd: model.levelSd,
    sigma: model.sigma,
    slots: packSlots(model),
    dataThrough: through,
    learnedAt: now,
  };
}

/** The model rows of one account: "*" and one per content type it has posts of. */
function accountModels(workspaceId: string, platform: PlatformId, accountId: string, byAccount: Map<string, ObservationRow[]>, now: Date): ModelRow[] {
  const own = byAccount.get(accountId) ?? [];
  const pool = poolPrior(platform, accountId, byAccount, now);
  if (!own.length && !pool) return [];
  const base = pool?.prior ?? baselinePrior(platform);
  const basis = pool ? "platform" : "baseline";
  // A new account reads the pool's shape in the zone the pool posts in.
  const zone = dominantZone(own) ?? dominantZone([...byAccount.values()].flat()) ?? "UTC";
  const out = [
    row(
      workspaceId,
      accountId,
      "*",
      zone,
      fitModel(
        own.map((o) => toObservation(o, now)),
        base,
      ),
      basis,
      pool?.posts ?? 0,
      own,
      now,
    ),
  ];
  const types = [...new Set(own.map((o) => o.contentType))].sort();
  for (const type of types) {
    const mine = own.filter((o) => o.contentType === type);
    const rest = own.filter((o) => o.contentType !== type);
    const prior = rest.length
      ? priorFrom(
          fitModel(
            rest.map((o) => toObservation(o, now)),
            base,
          ),
        )
      : base;
    const fitted = fitModel(
      mine.map((o) => toObservation(o, now)),
      prior,
    );
    out.push(row(workspaceId, accountId, type, zone, fitted, rest.length ? "account" : basis, rest.length ? rest.length : (pool?.posts ?? 0), mine, now));
  }
  return out;
}

/**
 * Refits the models of these accounts and of every account sharing a platform with them (their
 * platform prior includes these accounts' posts). Accounts of other workspaces are ignored.
 * Returns how many accounts were refitted.
 */
export async function relearnAccounts(db: Db, workspaceId: string, accountIds: readonly string[], now = new Date()): Promise<number> {
  if (!accountIds.length) return 0;
  const all = await accountsOnPlatforms(db, workspaceId, null);
  const asked = new Set(accountIds);
  const platforms = new Set(all.filter((a) => asked.has(a.id)).map((a) => a.platform));
  const group = all.filter((a) => platforms.has(a.platform));
  if (!group.length) return 0;
  const obs = await observationsFor(
    db,
    group.map((a) => a.id),
    new Date(now.getTime() - LOOKBACK_DAYS * DAY_MS),
  );
  const rows: ModelRow[] = [];
  for (const platform of platforms) {
    const members = group.filter((a) => a.platform === platform);
    const byAccount = new Map(members.map((a) => [a.id, obs.filter((o) => o.accountId === a.id)]));
    for (const a of members) rows.push(...accountModels(workspaceId, platform as PlatformId, a.id, byAccount, now));
  }
  await replaceModels(
    db,
    group.map((a) => a.id),
    rows,
  );
  return group.length;
}

/**
 * One pass of the learn-best-times job: queues the models not refitted for a day, then refits
 * up to `limit` queued accounts, workspace by workspace, each workspace in its own transaction.
 * An account queued again while it was being refitted stays queued.
 */
export async function learnBestTimes(db: Db, now = new Date(), limit = 200): Promise<number> {
  const old = await modelsLearnedBefore(db, new Date(now.getTime() - REFIT_AFTER_MS), limit);
  for (const [ws, ids] of groupBy(old, (r) => r.workspaceId))
    await requestRefits(
      db,
      ws,
      ids.map((r) => r.platformAccountId),
    );
  const queued = await queuedRefits(db, limit);
  let n = 0;
  for (const [ws, refits] of groupBy(queued, (r) => r.workspaceId)) {
    n += await db.transaction(async (tx) => {
      const done = await relearnAccounts(
        tx,
        ws,
        refits.map((r) => r.platformAccountId),
        now,
      );
      await clearRefits(tx, refits);
      return done;
    });
  }
  return n;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}
