/**
 * Shared set-up of the collect-analytics integration tests: a fresh database, a Mastodon loopback
 * fake, and helpers that publish through the real engine and read what was measured.
 */
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { contentAnalytics, engagementObservations, sandboxPosts, schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import type { PlatformAdapter } from "@/adapters/adapter";
import { adaptersFor } from "@/adapters/runtime";
import { createMastodonFake } from "@/adapters/fakes/mastodon";
import type { FakeRequest } from "@/adapters/fakes/server";
import { configuredEngine } from "@/lib/publishing/deps";
import { collectAnalytics, type CollectDeps, type CollectOptions } from "./collect";
import type { CheckpointEntry } from "./measurements";

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** Call at the top of a test file: registers the database and fake hooks, returns the helpers. */
export function analyticsFixtures() {
  const ref = withTestDatabase();
  const db = () => ref.current.db as Db;
  const token = "mastodon-analytics-token";
  const mastodon = createMastodonFake({ token });
  beforeAll(() => mastodon.start());
  afterAll(() => mastodon.close());
  afterEach(() => void mastodon.clearFaults());

  /**
   * Each test publishes "at" its own moment, 60 days from the others (14:30 UTC; k = 0 is a
   * Tuesday). Posts older than 30 days are never measured, so a test's clock never reaches another
   * test's posts and every count below is exact.
   */
  const base = (k: number) => new Date(Date.UTC(2021, 0, 5, 14, 30) + k * 60 * DAY);
  const after = (t: Date, ms: number) => new Date(t.getTime() + ms);

  const deps = (over: Partial<CollectDeps> = {}): CollectDeps => ({ ...configuredEngine(db(), "analytics-test"), ...over });
  const collect = (now: Date, over: Partial<CollectDeps> = {}, opts: CollectOptions = {}) => collectAnalytics(db(), deps(over), { now, ...opts });

  /** Adapters where one platform's fetchMetrics goes through `wrap` first. */
  function withMetrics(platform: string, wrap: (base: PlatformAdapter["fetchMetrics"]) => PlatformAdapter["fetchMetrics"]) {
    const lookup = adaptersFor(db());
    return (p: Parameters<typeof lookup>[0]) => {
      const a = lookup(p);
      return a && p === platform ? { ...a, fetchMetrics: wrap(a.fetchMetrics) } : a;
    };
  }

  async function workspace() {
    return (await makeWorkspace(db(), ["admin"])).workspace.id;
  }
  const sandboxAccount = (wsId: string) => makeAccount(db(), wsId, "sandbox");
  const mastodonAccount = (wsId: string) =>
    makeAccount(db(), wsId, "mastodon", { config: { api_base_url: mastodon.url }, credentials: { access_token: token } });

  /** `n` posts published by the real engine, then moved to `at` (timezone optional). */
  async function published(wsId: string, accountId: string, platform: string, n: number, at: Date, timezone = "UTC") {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await makeDue(db(), wsId, accountId, platform)).scheduleId);
    await testDispatcher(db()).drain();
    await db().update(schedules).set({ publishedAt: at, timezone }).where(inArray(schedules.id, ids));
    const rows = await db().select().from(schedules).where(inArray(schedules.id, ids)).orderBy(schedules.createdAt);
    for (const r of rows) {
      expect(r.publishStatus).toBe("published");
      expect(r.platformPostId).toBeTruthy();
    }
    return rows.map((r) => ({ id: r.id, postId: r.platformPostId as string, contentId: r.contentItemId }));
  }

  const setLikes = (postId: string, likes: number) => db().update(sandboxPosts).set({ likes }).where(eq(sandboxPosts.id, postId));
  const readings = (scheduleIds: string[]) =>
    db().select().from(contentAnalytics).where(inArray(contentAnalytics.scheduleId, scheduleIds)).orderBy(contentAnalytics.measuredAt);
  async function analyticsMeta(scheduleId: string) {
    const meta = (await scheduleRow(db(), scheduleId)).metadata as Record<string, unknown>;
    return { analytics: (meta.analytics ?? {}) as Record<string, CheckpointEntry>, claimed: "analytics_claim" in meta };
  }
  /** The account's best-time observations, oldest post first. */
  const observationsOf = (accountId: string) =>
    db()
      .select()
      .from(engagementObservations)
      .where(eq(engagementObservations.platformAccountId, accountId))
      .orderBy(engagementObservations.postedAt, engagementObservations.id);
  const statusGets = (from: number) => mastodon.requests.slice(from).filter((r) => r.method === "GET" && r.path.startsWith("/api/v1/statuses/"));
  const statusRead = (req: FakeRequest) => req.method === "GET" && req.path.startsWith("/api/v1/statuses/");
  const status = (postId: string) => {
    const s = mastodon.statuses.find((x) => x.id === postId);
    if (!s) throw new Error(`no status ${postId}`);
    return s;
  };

  return {
    db,
    token,
    mastodon,
    base,
    after,
    deps,
    collect,
    withMetrics,
    workspace,
    sandboxAccount,
    mastodonAccount,
    published,
    setLikes,
    readings,
    analyticsMeta,
    observationsOf,
    statusGets,
    statusRead,
    status,
  };
}
