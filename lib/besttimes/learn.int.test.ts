import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount } from "@/scripts/test/publishing";
import { importedHistory } from "@/scripts/test/best-times";
import { bestTimeModels, bestTimeRefits, engagementObservations } from "@/db/schema";
import { requestRefits } from "@/db/queries/best-times";
import type { Db } from "@/db/client";
import { suggestForAccounts } from "../scheduling/suggest";
import { learnBestTimes } from "./learn";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const now = new Date("2031-03-03T00:00:00Z"); // a Monday
const DAY = 86_400_000;
const ZONE = "America/Chicago";

const history = (workspaceId: string, accountId: string, n: number, rate: (weekday: number, hour: number, i: number) => number, contentType = "post") =>
  importedHistory(db(), { workspaceId, accountId, n, zone: ZONE, now, rate, contentType });

/** Thursdays do 60 % better and evenings 17–20 h more than twice as well: the best is Thursday evening. A little deterministic noise. */
const thursdayEvening = (weekday: number, hour: number, i: number) =>
  0.02 * (weekday === 4 ? 1.6 : 1) * (hour >= 17 && hour < 20 ? 2.2 : 1) * (1 + 0.1 * Math.sin(i * 12.9898));
const week = { date_from: "2031-03-03", date_to: "2031-03-09", timezone: ZONE };

describe("learning best times from a workspace's own results", () => {
  it("finds a planted peak the research does not know, says so, and keeps another workspace apart", async () => {
    const A = await makeWorkspace(db());
    const B = await makeWorkspace(db());
    const linkedin = await makeAccount(db(), A.workspace.id, "linkedin", { name: "Company page" });
    const other = await makeAccount(db(), B.workspace.id, "linkedin");
    await history(A.workspace.id, linkedin, 60, thursdayEvening);

    expect(await learnBestTimes(db(), now)).toBeGreaterThanOrEqual(1);
    expect(await db().select().from(bestTimeRefits).where(eq(bestTimeRefits.workspaceId, A.workspace.id))).toEqual([]);
    const [model] = await db().select().from(bestTimeModels).where(eq(bestTimeModels.platformAccountId, linkedin));
    expect(model).toMatchObject({ contentType: "*", prior: "baseline", posts: 60, timezone: ZONE });

    const r = await suggestForAccounts(db(), A.actors.viewer, { platform_account_ids: [linkedin], count: 3, ...week }, now);
    const a = r.accounts[0]!;
    expect(a.basis).toEqual({ source: "learned", reason: "learned from 60 of your posts", posts: 60 });
    // Thursday 6 March, between 17:00 and 20:00 Chicago time, where research says Tue–Thu 08–14.
    expect(a.items[0]!.local_time).toMatch(/^2031-03-06T1[789]:/);
    expect(a.items[0]!.expected_engagement_rate).toBeGreaterThan(0.035);
    expect(a.items[0]!.interval!.low).toBeLessThan(a.items[0]!.expected_engagement_rate!);
    expect(a.items[0]!.reason).toBe("learned from 60 of your posts");

    // Asked in Berlin, the account's Chicago evening is past midnight: Friday 7 March, 00:00–03:00.
    const berlin = await suggestForAccounts(db(), A.actors.viewer, { platform_account_ids: [linkedin], count: 1, ...week, timezone: "Europe/Berlin" }, now);
    expect(berlin.timezone).toBe("Europe/Berlin");
    expect(berlin.accounts[0]!.items[0]!.local_time).toMatch(/^2031-03-07T0[012]:/);

    // The other workspace's account learned nothing and still runs on research.
    const rb = await suggestForAccounts(db(), B.actors.viewer, { platform_account_ids: [other], count: 1, ...week }, now);
    expect(rb.accounts[0]!.basis).toEqual({ source: "baseline", reason: "research baseline for LinkedIn", posts: 0 });
    expect(rb.accounts[0]!.items[0]!).toMatchObject({ expected_engagement_rate: null, interval: null, local_time: "2031-03-04T08:00" });

    // A trial's baseline arm asks for research only.
    const baseline = await suggestForAccounts(db(), A.actors.viewer, { platform_account_ids: [linkedin], count: 1, ...week }, now, { basis: "baseline" });
    expect(baseline.accounts[0]!.basis.source).toBe("baseline");
  });

  it("a new account borrows the shape of the workspace's other accounts on its platform; content types get their own model", async () => {
    const A = await makeWorkspace(db());
    const main = await makeAccount(db(), A.workspace.id, "bluesky", { name: "Main" });
    const fresh = await makeAccount(db(), A.workspace.id, "bluesky", { name: "Fresh" });
    await history(A.workspace.id, main, 50, thursdayEvening);
    await history(A.workspace.id, main, 12, (w, h, i) => thursdayEvening(w, h, i) / 2, "article");
    await learnBestTimes(db(), now);

    const models = await db().select().from(bestTimeModels).where(eq(bestTimeModels.workspaceId, A.workspace.id));
    const of = (id: string, type: string) => models.find((m) => m.platformAccountId === id && m.contentType === type);
    expect(of(fresh, "*")).toMatchObject({ prior: "platform", priorPosts: 62, posts: 0, level: null });
    expect(of(main, "*")).toMatchObject({ prior: "baseline", posts: 62 });
    expect(of(main, "article")).toMatchObject({ prior: "account", priorPosts: 50, posts: 12 });
    expect(of(main, "post")).toMatchObject({ prior: "account", priorPosts: 12, posts: 50 });
    expect(of(fresh, "article")).toBeUndefined();

    const r = await suggestForAccounts(db(), A.actors.viewer, { platform_account_ids: [fresh, main], count: 1, ...week, content_type: "article" }, now);
    expect(r.accounts[0]!.basis).toEqual({ source: "learned", reason: "learned from 62 posts on your other Bluesky accounts", posts: 0 });
    expect(r.accounts[0]!.items[0]!.local_time).toMatch(/^2031-03-06T1[789]:/);
    // No level of its own: the rate of another audience is not this account's.
    expect(r.accounts[0]!.items[0]!.expected_engagement_rate).toBeNull();
    expect(r.accounts[1]!.basis.reason).toBe("learned from 62 of your posts, 12 of them articles");
    expect(r.accounts[1]!.items[0]!.expected_engagement_rate).toBeLessThan(0.045);
  });

  it("refits what changed, every model daily, and drops a content type that is gone", async () => {
    const A = await makeWorkspace(db());
    const acc = await makeAccount(db(), A.workspace.id, "x");
    await history(A.workspace.id, acc, 20, thursdayEvening, "thread");
    await learnBestTimes(db(), now);
    const first = await db().select().from(bestTimeModels).where(eq(bestTimeModels.platformAccountId, acc));
    expect(first.map((m) => m.contentType).sort()).toEqual(["*", "thread"]);

    // Nothing new: the next pass leaves the models alone.
    await learnBestTimes(db(), new Date(now.getTime() + 60_000));
    const same = await db().select().from(bestTimeModels).where(eq(bestTimeModels.platformAccountId, acc));
    expect(same.map((m) => m.learnedAt.getTime())).toEqual(first.map((m) => m.learnedAt.getTime()));

    // The threads are reclassified as posts: the thread model goes, at the next pass.
    await db().update(engagementObservations).set({ contentType: "post" }).where(eq(engagementObservations.platformAccountId, acc));
    await requestRefits(db(), A.workspace.id, [acc]);
    await learnBestTimes(db(), new Date(now.getTime() + 120_000));
    const after = await db().select().from(bestTimeModels).where(eq(bestTimeModels.platformAccountId, acc));
    expect(after.map((m) => m.contentType).sort()).toEqual(["*", "post"]);

    // A day later every model is refitted, with or without news.
    const later = new Date(now.getTime() + 2 * DAY);
    await learnBestTimes(db(), later);
    const refit = await db().select().from(bestTimeModels).where(eq(bestTimeModels.platformAccountId, acc));
    expect(refit.every((m) => m.learnedAt.getTime() === later.getTime())).toBe(true);
  });
});
