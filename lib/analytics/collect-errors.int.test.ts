import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { platformAccounts } from "@/db/schema";
import { faults } from "@/adapters/fakes/server";
import { DAY, HOUR, analyticsFixtures } from "./collect-fixtures";

const {
  db,
  mastodon,
  base,
  after,
  collect,
  withMetrics,
  workspace,
  sandboxAccount,
  mastodonAccount,
  published,
  readings,
  analyticsMeta,
  observationsOf,
  statusGets,
  statusRead,
  status,
} = analyticsFixtures();

describe("collect-analytics: platform errors (Mastodon loopback fake)", () => {
  it("reads favourites, reblogs and replies; no audience figure means rate 0; the model learns from interactions per follower", async () => {
    const wsId = await workspace();
    const accountId = await mastodonAccount(wsId);
    const t = base(4);
    const [p] = await published(wsId, accountId, "mastodon", 1, t);
    Object.assign(status(p!.postId), { favourites: 7, reblogs: 3, replies: 2 });
    expect(await collect(after(t, DAY))).toEqual({ checked: 1, collected: 1, failed: 0, skipped: 0 });
    const [r] = await readings([p!.id]);
    expect(r).toMatchObject({ platformId: "mastodon", likesCount: 7, sharesCount: 3, commentsCount: 2, impressions: 0, reach: 0, engagementRate: 0 });
    // No audience figure for the post: the account's followers (250 on the fake) stand in for the model.
    const [o] = await observationsOf(accountId);
    expect(o).toMatchObject({ likes: 7, shares: 3, comments: 2, followers: 250, rateBasis: "followers" });
    expect(o!.engagementRate).toBeCloseTo(12 / 250, 12);
  });

  it("rate limited: stops for that account this round and leaves its checkpoints due; other accounts go on", async () => {
    const wsId = await workspace();
    const accountId = await mastodonAccount(wsId);
    const sandbox = await sandboxAccount(wsId);
    const t = base(5);
    const posts = await published(wsId, accountId, "mastodon", 2, t);
    const [s] = await published(wsId, sandbox, "sandbox", 1, t);
    mastodon.inject(faults.rateLimited(60), { match: statusRead });
    const before = mastodon.requests.length;
    const now = after(t, HOUR);

    expect(await collect(now)).toEqual({ checked: 3, collected: 1, failed: 1, skipped: 1 });
    expect(statusGets(before)).toHaveLength(1);
    expect(await readings([s!.id])).toHaveLength(1);
    expect(await readings(posts.map((p) => p.id))).toHaveLength(0);
    for (const p of posts) expect(await analyticsMeta(p.id)).toEqual({ analytics: {}, claimed: false });
    // Publishing is not paused by a metrics 429.
    const [acct] = await db().select().from(platformAccounts).where(eq(platformAccounts.id, accountId));
    expect(acct!.pausedUntil).toBeNull();

    expect(await collect(now)).toEqual({ checked: 2, collected: 2, failed: 0, skipped: 0 });
    expect(statusGets(before)).toHaveLength(3);
    expect(await readings(posts.map((p) => p.id))).toHaveLength(2);
  });

  it("auth refused: skips the account's rows this round without flagging the account", async () => {
    const wsId = await workspace();
    const accountId = await mastodonAccount(wsId);
    const t = base(6);
    const posts = await published(wsId, accountId, "mastodon", 3, t);
    mastodon.inject(faults.unauthorized(), { match: statusRead });
    const before = mastodon.requests.length;
    const now = after(t, HOUR);

    expect(await collect(now)).toEqual({ checked: 3, collected: 0, failed: 1, skipped: 2 });
    expect(statusGets(before)).toHaveLength(1);
    const [acct] = await db().select().from(platformAccounts).where(eq(platformAccounts.id, accountId));
    expect(acct!.status).toBe("active");
    for (const p of posts) expect(await analyticsMeta(p.id)).toEqual({ analytics: {}, claimed: false });

    expect(await collect(now)).toEqual({ checked: 3, collected: 3, failed: 0, skipped: 0 });
  });

  it("an account whose credentials cannot be read, or whose platform has no adapter, is skipped without a call", async () => {
    const wsId = await workspace();
    const accountId = await mastodonAccount(wsId);
    const t = base(11);
    const posts = await published(wsId, accountId, "mastodon", 2, t);
    const sealed = (await db().select().from(platformAccounts).where(eq(platformAccounts.id, accountId)))[0]!.credentialsEncrypted;
    await db().update(platformAccounts).set({ credentialsEncrypted: "not-a-sealed-value" }).where(eq(platformAccounts.id, accountId));
    const before = mastodon.requests.length;
    const now = after(t, HOUR);

    expect(await collect(now)).toEqual({ checked: 2, collected: 0, failed: 0, skipped: 2 });
    expect(await collect(now, { adapters: () => null })).toEqual({ checked: 2, collected: 0, failed: 0, skipped: 2 });
    expect(statusGets(before)).toHaveLength(0);
    for (const p of posts) expect(await analyticsMeta(p.id)).toEqual({ analytics: {}, claimed: false });

    await db().update(platformAccounts).set({ credentialsEncrypted: sealed }).where(eq(platformAccounts.id, accountId));
    expect(await collect(now)).toEqual({ checked: 2, collected: 2, failed: 0, skipped: 0 });
  });

  it("permanent (post deleted): closes the due checkpoints with an error note, never retried at that checkpoint", async () => {
    const wsId = await workspace();
    const accountId = await mastodonAccount(wsId);
    const t = base(7);
    const [gone, kept] = await published(wsId, accountId, "mastodon", 2, t);
    mastodon.statuses.splice(mastodon.statuses.indexOf(status(gone!.postId)), 1);
    const before = mastodon.requests.length;
    const now = after(t, 25 * HOUR);

    expect(await collect(now)).toEqual({ checked: 2, collected: 1, failed: 1, skipped: 0 });
    const meta = await analyticsMeta(gone!.id);
    expect(meta.claimed).toBe(false);
    expect(Object.keys(meta.analytics).sort()).toEqual(["1h", "24h"]);
    expect(meta.analytics["24h"]).toMatchObject({ measured_at: now.toISOString(), analytics_id: null, covers: ["1h", "24h"] });
    expect(meta.analytics["24h"]!.error).toMatch(/^permanent: .*no longer on Mastodon/);
    expect(await readings([gone!.id])).toHaveLength(0);
    expect(await readings([kept!.id])).toHaveLength(1);

    expect(await collect(now)).toEqual({ checked: 0, collected: 0, failed: 0, skipped: 0 });
    expect(await collect(after(now, 3 * DAY))).toEqual({ checked: 0, collected: 0, failed: 0, skipped: 0 });
    expect(statusGets(before)).toHaveLength(2);
  });

  it("a server error or a bug leaves that row due, never stops the others and never throws", async () => {
    const wsId = await workspace();
    const accountId = await mastodonAccount(wsId);
    const sandbox = await sandboxAccount(wsId);
    const t = base(8);
    const posts = await published(wsId, accountId, "mastodon", 2, t);
    const [broken, fine] = await published(wsId, sandbox, "sandbox", 2, t);
    mastodon.inject(faults.serverError(503), { match: statusRead });
    const adapters = withMetrics("sandbox", (fetchMetrics) => async (ctx, id) => {
      if (id === broken!.postId) throw new TypeError("boom");
      return fetchMetrics(ctx, id);
    });
    const now = after(t, HOUR);

    expect(await collect(now, { adapters })).toEqual({ checked: 4, collected: 2, failed: 2, skipped: 0 });
    expect(await readings([fine!.id])).toHaveLength(1);
    expect(await readings(posts.map((p) => p.id))).toHaveLength(1);
    expect(await analyticsMeta(broken!.id)).toEqual({ analytics: {}, claimed: false });

    expect(await collect(now)).toEqual({ checked: 2, collected: 2, failed: 0, skipped: 0 });
    expect(await readings([broken!.id, fine!.id, ...posts.map((p) => p.id)])).toHaveLength(4);
  });
});
