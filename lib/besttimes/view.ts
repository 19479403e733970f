/**
 * The analytics page's learned best times: one account's model as a weekday × hour grid with its
 * certainty, or its research baseline when it has learned nothing yet.
 */
import type { Db } from "@/db/client";
import { listAccounts } from "@/db/queries/accounts";
import { modelsOf } from "@/db/queries/best-times";
import { platformName } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { baselinePrior, INTERVAL } from "./model";
import { baselineReason, slotModelOf } from "./stored";

/** An interval wider than this share of its estimate marks a slot as uncertain (hatched). */
export const UNCERTAIN_WIDTH = 0.5;
const Z = 1.645;

export interface LearnedCell {
  weekday: number;
  hour_number: number;
  /** Expected engagement rate, or relative lift (1 = the account's average) when no rate is known. */
  value: number;
  low: number;
  high: number;
  posts: number;
  uncertain: boolean;
}

export interface LearnedView {
  accounts: { id: string; name: string; platform: string; platformName: string }[];
  account: { id: string; name: string; platformName: string } | null;
  source: "learned" | "baseline";
  reason: string;
  /** "rate": values are engagement rates; "lift": relative to the account's average. */
  kind: "rate" | "lift";
  probability: number;
  /** The zone of the weekdays and hours (where the account posts); null for the research baseline. */
  timezone: string | null;
  learnedAt: Date | null;
  cells: LearnedCell[];
}

export async function learnedBestTimes(db: Db, actor: Actor, accountId?: string): Promise<LearnedView> {
  assertCan(actor.role, "analytics:read");
  const all = (await listAccounts(db, actor.workspaceId)).filter((a) => a.status !== "disabled");
  const accounts = all.map((a) => ({ id: a.id, name: a.name, platform: a.platform, platformName: platformName(a.platform) }));
  const models = await modelsOf(
    db,
    actor.workspaceId,
    accounts.map((a) => a.id),
  );
  // The asked account, else the one with the most posts behind its model, else the first.
  const ranked = [...models].sort((a, b) => b.posts - a.posts);
  const chosen = accounts.find((a) => a.id === accountId) ?? accounts.find((a) => a.id === ranked[0]?.platformAccountId) ?? accounts[0] ?? null;
  const empty = { accounts, probability: INTERVAL, timezone: null, learnedAt: null, cells: [] };
  if (!chosen) return { ...empty, account: null, source: "baseline", reason: "", kind: "lift" };
  const account = { id: chosen.id, name: chosen.name, platformName: chosen.platformName };
  const rows = models.filter((m) => m.platformAccountId === chosen.id);
  const model = slotModelOf(rows, chosen.platform as PlatformId);
  if (!model) {
    const lift = baselinePrior(chosen.platform as PlatformId).lift;
    const cells = lift.map((v, i) => ({ weekday: Math.floor(i / 24), hour_number: i % 24, value: v, low: v, high: v, posts: 0, uncertain: true }));
    return { ...empty, account, source: "baseline", reason: baselineReason(chosen.platform as PlatformId), kind: "lift", cells };
  }
  const kind = model.slots.every((s) => s.rate !== null) ? "rate" : "lift";
  const cells = model.slots.map((s, i) => {
    const value = kind === "rate" ? s.rate! : s.lift;
    const low = kind === "rate" ? (s.low ?? value) : s.lift - Z * s.liftSd;
    const high = kind === "rate" ? (s.high ?? value) : s.lift + Z * s.liftSd;
    return {
      weekday: Math.floor(i / 24),
      hour_number: i % 24,
      value,
      low,
      high,
      posts: s.posts,
      uncertain: value <= 0 || (high - low) / value > UNCERTAIN_WIDTH,
    };
  });
  return {
    accounts,
    account,
    source: "learned",
    reason: model.reason,
    kind,
    probability: INTERVAL,
    timezone: model.timezone,
    learnedAt: rows.find((r) => r.contentType === "*")?.learnedAt ?? null,
    cells,
  };
}
