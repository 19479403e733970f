import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { platformAccounts } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { type CollectDeps } from "./collect";
import { DAY, HOUR, MIN, analyticsFixtures } from "./collect-fixtures";

const { db, base, after, collect, withMetrics, workspace, sandboxAccount, published, setLikes, readings, analyticsMeta, observationsOf } = analyticsFixtures();

describe("collect-analytics: checkpoints", () => {
  it("measures at +1 h, +24 h and +7 d, each once, and nothing before", async () => {
    const wsId = await workspace();
    const accountId = await sandboxAccount(wsId);
    const t = base(0);
    const [post] = await published(wsId, accountId, "sandbox", 1, t);
    const p = post!;
    await setLikes(p.postId, 5);

    expect(await collect(after(t, 59 * MIN))).toEqual({ checked: 0, collected: 0, failed: 0, skipped: 0 });
    expect(await readings([p.id])).toHaveLength(0);

    const oneHour = after(t, HOUR);
    expect(await collect(oneHour)).toEqual({ checked: 1, collected: 1, failed: 0, skipped: 0 });
    const [first] = await readings([p.id]);
    expect(first).toMatchObject({
      contentItemId: p.contentId,
      platformId: "sandbox",
      likesCount: 5,
      sharesCount: 0,
      commentsCount: 0,
      clicksCount: 0,
      impressions: 100,
      reach: 75,
      measuredAt: oneHour,
    });
    expect(first!.engagementRate).toBeCloseTo(0.05, 12);
    const meta = await analyticsMeta(p.id);
    expect(meta.claimed).toBe(false);
    expect(meta.analytics).toEqual({ "1h": { measured_at: oneHour.toISOString(), analytics_id: first!.id, covers: ["1h"] } });
    // +1 h is not a best-time observation.
    expect(await observationsOf(accountId)).toHaveLength(0);

    // A second call the same minute, and later that day, finds nothing due.
    expect(await collect(oneHour)).toEqual({ checked: 0, collected: 0, failed: 0, skipped: 0 });
    expect(await collect(after(t, 23 * HOUR))).toEqual({ checked: 0, collected: 0, failed: 0, skipped: 0 });

    await setLikes(p.postId, 10);
    expect(await collect(after(t, DAY + 5 * MIN))).toEqual({ checked: 1, collected: 1, failed: 0, skipped: 0 });
    const second = (await readings([p.id]))[1]!;
    expect(second).toMatchObject({ likesCount: 10, impressions: 200, reach: 150, measuredAt: after(t, DAY + 5 * MIN) });
    expect(second.engagementRate).toBeCloseTo(10 / 200, 12);
    // 2021-01-05 14:30 UTC: Tuesday (2), 14:30.
    expect(await observationsOf(accountId)).toEqual([
      expect.objectContaining({
        workspaceId: wsId,
        source: "measured",
        scheduleId: p.id,
        weekday: 2,
        minuteOfDay: 14 * 60 + 30,
        timezone: "UTC",
        contentType: "post",
      }),
    ]);
    expect((await observationsOf(accountId))[0]!).toMatchObject({ likes: 10, impressions: 200, rateBasis: "impressions" });
    expect((await observationsOf(accountId))[0]!.engagementRate).toBeCloseTo(0.05, 12);

    expect(await collect(after(t, 7 * DAY - MIN))).toMatchObject({ checked: 0 });
    await setLikes(p.postId, 20);
    expect(await collect(after(t, 7 * DAY))).toEqual({ checked: 1, collected: 1, failed: 0, skipped: 0 });
    const third = (await readings([p.id]))[2]!;
    expect(third.likesCount).toBe(20);
    expect(third.engagementRate).toBeCloseTo(20 / 400, 12);
    // The +7 d reading does not touch the best-time observation.
    expect((await observationsOf(accountId)).map((o) => o.likes)).toEqual([10]);

    const done = await analyticsMeta(p.id);
    expect(Object.keys(done.analytics).sort()).toEqual(["1h", "24h", "7d"]);
    expect(done.analytics["24h"]!.analytics_id).toBe(second.id);
    expect(done.analytics["7d"]!.analytics_id).toBe(third.id);
    expect(await collect(after(t, 20 * DAY))).toMatchObject({ checked: 0 });
    expect(await readings([p.id])).toHaveLength(3);
  });

  it("a late run measures once and marks every overdue checkpoint; best time counts it once", async () => {
    const wsId = await workspace();
    const accountId = await sandboxAccount(wsId);
    const t = base(1);
    const [a] = await published(wsId, accountId, "sandbox", 1, t);
    // b went out a week earlier, at the same wall time.
    const [b] = await published(wsId, accountId, "sandbox", 1, after(t, -7 * DAY));
    await setLikes(a!.postId, 4);
    await setLikes(b!.postId, 8);

    const late = after(t, 25 * HOUR);
    expect(await collect(late)).toEqual({ checked: 2, collected: 2, failed: 0, skipped: 0 });
    const [ra] = await readings([a!.id]);
    const [rb] = await readings([b!.id]);
    expect(await readings([a!.id, b!.id])).toHaveLength(2);
    const ma = await analyticsMeta(a!.id);
    const mb = await analyticsMeta(b!.id);
    expect(ma.analytics).toEqual({
      "1h": { measured_at: late.toISOString(), analytics_id: ra!.id, covers: ["1h", "24h"] },
      "24h": { measured_at: late.toISOString(), analytics_id: ra!.id, covers: ["1h", "24h"] },
    });
    expect(Object.keys(mb.analytics).sort()).toEqual(["1h", "24h", "7d"]);
    for (const e of Object.values(mb.analytics)) expect(e).toEqual({ measured_at: late.toISOString(), analytics_id: rb!.id, covers: ["1h", "24h", "7d"] });

    // Both readings cover "24h": one observation each, same slot (2021-03-06 and 02-27: Saturday, 14 h).
    const obs = await observationsOf(accountId);
    expect(obs.map((o) => [o.scheduleId, o.weekday, Math.floor(o.minuteOfDay / 60)]).sort()).toEqual([a!.id, b!.id].sort().map((id) => [id, 6, 14]));
    for (const o of obs) expect(o.engagementRate).toBeCloseTo(0.05, 12);

    expect(await collect(late)).toMatchObject({ checked: 0 });
    expect(await collect(after(t, 7 * DAY))).toEqual({ checked: 1, collected: 1, failed: 0, skipped: 0 });
    expect(await readings([a!.id])).toHaveLength(2);
    expect(await readings([b!.id])).toHaveLength(1);
    expect(await observationsOf(accountId)).toHaveLength(2);
  });

  it("posts past the 30-day horizon and rows of unusable accounts are not claimed", async () => {
    const wsId = await workspace();
    const t = base(2);
    const paused = await sandboxAccount(wsId);
    const reconnect = await sandboxAccount(wsId);
    const ok = await sandboxAccount(wsId);
    await published(wsId, paused, "sandbox", 1, t);
    await published(wsId, reconnect, "sandbox", 1, t);
    const [old] = await published(wsId, ok, "sandbox", 1, after(t, -31 * DAY));
    const now = after(t, 2 * HOUR);
    await db()
      .update(platformAccounts)
      .set({ pausedUntil: after(now, HOUR) })
      .where(eq(platformAccounts.id, paused));
    await db().update(platformAccounts).set({ status: "needs_reconnect" }).where(eq(platformAccounts.id, reconnect));
    expect(await collect(now)).toEqual({ checked: 0, collected: 0, failed: 0, skipped: 0 });
    expect(await readings([old!.id])).toHaveLength(0);

    await db().update(platformAccounts).set({ status: "active" }).where(eq(platformAccounts.id, reconnect));
    expect(await collect(now)).toEqual({ checked: 1, collected: 1, failed: 0, skipped: 0 });
    // The pause ends.
    expect(await collect(after(now, HOUR))).toEqual({ checked: 1, collected: 1, failed: 0, skipped: 0 });
  });
});

describe("collect-analytics: engagement and best-time stats", () => {
  it("computes the rate per reading and one best-time observation per post in the schedule's zone", async () => {
    const wsId = await workspace();
    const accountId = await sandboxAccount(wsId);
    // In this test's slot (base(3) is Sunday 2021-07-04): Tuesday 2021-07-06 13:30 UTC is 09:30
    // in New York (EDT, −4).
    const t = new Date(Date.UTC(2021, 6, 6, 13, 30));
    expect(t.getTime() - base(3).getTime()).toBe(2 * DAY - HOUR);
    const posts = await published(wsId, accountId, "sandbox", 3, t, "America/New_York");
    // A fourth post at 23:30 New York time: Wednesday 03:30 UTC is still Tuesday, 23 h, there.
    const [late] = await published(wsId, accountId, "sandbox", 1, new Date(Date.UTC(2021, 6, 7, 3, 30)), "America/New_York");
    // The sandbox's numbers always give 5 %; the platform's answer is scripted per post instead.
    const zero = { likes: 0, shares: 0, comments: 0, clicks: 0, impressions: 0, reach: 0 };
    const answers = new Map([
      [posts[0]!.postId, { ...zero, likes: 5, impressions: 100, reach: 80 }], // 5 / 100
      [posts[1]!.postId, { ...zero, likes: 10, shares: 2, comments: 3, clicks: 9, impressions: 200 }], // 24 / 200
      [posts[2]!.postId, { ...zero, likes: 7, shares: 1 }], // no audience: rate 0, an observation without a rate
      [late!.postId, { ...zero, likes: 1, comments: 1, reach: 40 }], // 2 / 40 (reach)
    ]);
    const adapters = withMetrics("sandbox", () => async (_ctx, id) => answers.get(id) ?? zero);

    expect(await collect(after(t, 2 * DAY), { adapters })).toEqual({ checked: 4, collected: 4, failed: 0, skipped: 0 });
    const reading = async (id: string) => (await readings([id]))[0]!;
    expect((await reading(posts[0]!.id)).engagementRate).toBeCloseTo(0.05, 12);
    expect(await reading(posts[1]!.id)).toMatchObject({ likesCount: 10, sharesCount: 2, commentsCount: 3, clicksCount: 9, impressions: 200, reach: 0 });
    expect((await reading(posts[1]!.id)).engagementRate).toBeCloseTo(0.12, 12);
    expect(await reading(posts[2]!.id)).toMatchObject({ likesCount: 7, sharesCount: 1, engagementRate: 0 });
    expect((await reading(late!.id)).engagementRate).toBeCloseTo(0.05, 12);

    // Each post's own observation, in New York wall time; the one without an audience figure
    // is kept (its counts serve a clicks trial) but has no rate, so the model skips it.
    const obs = await observationsOf(accountId);
    const byId = (x: unknown[], y: unknown[]) => String(x[0]).localeCompare(String(y[0]));
    expect(obs.map((o) => [o.scheduleId, o.weekday, Math.floor(o.minuteOfDay / 60), o.timezone]).sort(byId)).toEqual(
      [...posts, late!].map((p) => [p.id, 2, p === late ? 23 : 9, "America/New_York"]).sort(byId),
    );
    const rateOf = (id: string) => obs.find((o) => o.scheduleId === id)!;
    expect(rateOf(posts[0]!.id).engagementRate).toBeCloseTo(0.05, 12);
    expect(rateOf(posts[1]!.id)).toMatchObject({ clicks: 9, rateBasis: "impressions" });
    expect(rateOf(posts[1]!.id).engagementRate).toBeCloseTo(0.12, 12);
    expect(rateOf(posts[2]!.id)).toMatchObject({ likes: 7, engagementRate: null, rateBasis: null });
    expect(rateOf(late!.id)).toMatchObject({ rateBasis: "reach" });
    expect(rateOf(late!.id).engagementRate).toBeCloseTo(0.05, 12);
  });
});

describe("collect-analytics: concurrency", () => {
  it("two runners at once never measure a checkpoint twice (and both do work)", async () => {
    const wsId = await workspace();
    const t = base(9);
    const accounts = [await sandboxAccount(wsId), await sandboxAccount(wsId), await sandboxAccount(wsId)];
    const posts = [];
    for (const a of accounts) posts.push(...(await published(wsId, a, "sandbox", 8, t)));
    for (const p of posts) await setLikes(p.postId, 5);
    const ids = posts.map((p) => p.id);

    // Runner one's first platform call waits until runner two has made one (or has finished), so
    // the two really overlap on both drivers.
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const calls: string[][] = [[], []];
    const one = withMetrics("sandbox", (fetchMetrics) => async (ctx, id) => {
      calls[0]!.push(id);
      await gate;
      return fetchMetrics(ctx, id);
    });
    const two = withMetrics("sandbox", (fetchMetrics) => async (ctx, id) => {
      calls[1]!.push(id);
      open();
      return fetchMetrics(ctx, id);
    });
    const now = after(t, 25 * HOUR);
    async function runner(adapters: CollectDeps["adapters"], runnerId: string) {
      let collected = 0;
      for (let i = 0; i < 100; i++) {
        const r = await collect(now, { adapters, runnerId }, { limit: 4, perAccount: 2 });
        expect(r.failed).toBe(0);
        collected += r.collected;
        if (r.checked === 0) return collected;
      }
      throw new Error("the runner did not finish");
    }
    const [c1, c2] = await Promise.all([runner(one, "one"), runner(two, "two").finally(() => open())]);

    expect(c1 + c2).toBe(posts.length);
    expect(c1).toBeGreaterThan(0);
    expect(c2).toBeGreaterThan(0);
    const all = [...calls[0]!, ...calls[1]!];
    expect(all).toHaveLength(posts.length);
    expect(new Set(all).size).toBe(posts.length);
    const rows = await readings(ids);
    expect(rows).toHaveLength(posts.length);
    expect(new Set(rows.map((r) => r.scheduleId)).size).toBe(posts.length);
    for (const a of accounts) expect(await observationsOf(a)).toHaveLength(8);

    // And plainly at the same moment, both with the default batch, at +7 d.
    const later = after(t, 7 * DAY);
    const [r1, r2] = await Promise.all([collect(later, { runnerId: "a" }), collect(later, { runnerId: "b" })]);
    expect(r1.collected + r2.collected).toBe(posts.length);
    expect(r1.checked + r2.checked).toBe(posts.length);
    expect(await readings(ids)).toHaveLength(2 * posts.length);
    const [dupes] = rowsOf<{ n: number }>(
      await db().execute(sql`SELECT count(*)::int AS n FROM (
        SELECT schedule_id, measured_at FROM content_analytics WHERE schedule_id IN (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        GROUP BY 1, 2 HAVING count(*) > 1) d`),
    );
    expect(dupes!.n).toBe(0);
  });

  it("a claim is a lease: respected while live, taken over when it ran out, and the old holder records nothing", async () => {
    const wsId = await workspace();
    const accountId = await sandboxAccount(wsId);
    const t = base(10);
    const [p] = await published(wsId, accountId, "sandbox", 1, t);
    await setLikes(p!.postId, 5);

    let started: () => void = () => {};
    const inFetch = new Promise<void>((resolve) => (started = resolve));
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = withMetrics("sandbox", (fetchMetrics) => async (ctx, id) => {
      started();
      await held;
      return fetchMetrics(ctx, id);
    });
    const now = after(t, HOUR);
    const first = collect(now, { adapters: slow, runnerId: "slow" }, { leaseMs: 10 * MIN });
    await inFetch;
    expect(await analyticsMeta(p!.id)).toMatchObject({ claimed: true });

    // Another runner inside the lease finds nothing; after it, takes the row over.
    expect(await collect(after(now, 5 * MIN))).toEqual({ checked: 0, collected: 0, failed: 0, skipped: 0 });
    expect(await collect(after(now, 11 * MIN))).toEqual({ checked: 1, collected: 1, failed: 0, skipped: 0 });
    release();
    expect(await first).toEqual({ checked: 1, collected: 0, failed: 0, skipped: 1 });

    const rows = await readings([p!.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.measuredAt).toEqual(after(now, 11 * MIN));
    expect((await analyticsMeta(p!.id)).analytics["1h"]!.analytics_id).toBe(rows[0]!.id);
  });
});
