import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { actionRuntime } from "@/app/_server/action";
import { engagementObservations, platformAccounts } from "@/db/schema";
import { relearnAccounts } from "@/lib/besttimes/learn";
import { publishSlot } from "@/lib/analytics/measurements";
import { suggestForAccounts } from "@/lib/scheduling/suggest";
import { suggestTimesForAccountsAction } from "@/app/_actions/suggestions";
import * as content from "./content/route";
import * as schedules from "./schedules/route";
import * as suggestions from "./suggestions/times/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let x: string, mastodon: string, sandbox: string, foreign: string;
const original = { ...actionRuntime };
const now = new Date("2031-05-05T00:00:00Z"); // a Monday
const week = { date_from: "2031-05-05", date_to: "2031-05-11", timezone: "Europe/Berlin" };
const weekday = (local: string) => new Date(`${local.slice(0, 10)}T12:00:00Z`).getUTCDay();
const hour = (local: string) => Number(local.slice(11, 13));

beforeAll(async () => {
  const db = ref.current.db;
  A = await makeWorkspaceWithTokens(db);
  const add = async (workspaceId: string, platform: string, name: string) =>
    (await db.insert(platformAccounts).values({ workspaceId, platform, name }).returning())[0]!.id;
  x = await add(A.workspace.id, "x", "Brand X");
  mastodon = await add(A.workspace.id, "mastodon", "Toots");
  sandbox = await add(A.workspace.id, "sandbox", "Playground");
  foreign = await add((await makeWorkspace(db)).workspace.id, "x", "Not ours");
  // Brand X already posts on Tuesday 08:00 Berlin; the Mastodon account has nothing planned.
  const item = (await call(content.POST, { method: "POST", token: A.tokens.editor, body: { title: "Planned", content: "Planned!" } })).json!.id as string;
  const made = await call(schedules.POST, {
    method: "POST",
    token: A.tokens.editor,
    body: { content_item_id: item, platform_account_id: x, scheduled_time: "2031-05-06T08:00", timezone: "Europe/Berlin" },
  });
  expect(made.status).toBe(201);
});
afterAll(() => Object.assign(actionRuntime, original));

describe("suggestions for every chosen account", () => {
  it("answers each account in the order asked, named by its own platform and the research behind it", async () => {
    const r = await suggestForAccounts(ref.current.db, A.actors.viewer, { platform_account_ids: [mastodon, x, sandbox], count: 3, ...week }, now);
    expect(r.timezone).toBe("Europe/Berlin");
    expect(r.accounts.map((a) => [a.platform_account_id, a.platform_id, a.platform_name, a.account_name, a.research])).toEqual([
      [mastodon, "mastodon", "Mastodon", "Toots", { platform: "X", label: "no research for Mastodon; using the research for X" }],
      [x, "x", "X", "Brand X", { platform: "X", label: "research for X" }],
      [sandbox, "sandbox", "Sandbox", "Playground", { platform: null, label: "no research for Sandbox; using the general baseline" }],
    ]);
    for (const a of r.accounts) expect(a.items).toHaveLength(3);
  });

  it("weighs each account's own calendar only", async () => {
    const r = await suggestForAccounts(ref.current.db, A.actors.viewer, { platform_account_ids: [x, mastodon], count: 3, ...week }, now);
    const [forX, forMastodon] = r.accounts;
    // Mastodon is free on Tuesday 08:00; Brand X's own post is there, so its times keep clear of it.
    expect(forMastodon!.items[0]!.local_time).toBe("2031-05-06T08:00");
    expect(forX!.items.map((s) => s.local_time)).not.toContain("2031-05-06T08:00");
    expect(forX!.items.every((s) => Math.abs(new Date(s.start).getTime() - Date.parse("2031-05-06T06:00:00Z")) >= 15 * 60_000)).toBe(true);
    // The general baseline: weekdays 09:00–17:00.
    const general = await suggestForAccounts(ref.current.db, A.actors.viewer, { platform_account_ids: [sandbox], count: 4, ...week }, now);
    for (const s of general.accounts[0]!.items) {
      expect([1, 2, 3, 4, 5]).toContain(weekday(s.local_time));
      expect(hour(s.local_time)).toBeGreaterThanOrEqual(9);
      expect(hour(s.local_time)).toBeLessThan(17);
    }
  });

  it("refuses an account of another workspace or none at all, and names the research through the API", async () => {
    await expect(suggestForAccounts(ref.current.db, A.actors.viewer, { platform_account_ids: [x, foreign], count: 3 }, now)).rejects.toMatchObject({
      code: "not_found:platform_account",
    });
    actionRuntime.member = async () => ({ db: ref.current.db, actor: A.actors.viewer });
    const none = await suggestTimesForAccountsAction({ platform_account_ids: [], count: 3 });
    expect(none).toMatchObject({ ok: false, error: { code: "bad_request:validation" } });
    const both = await suggestTimesForAccountsAction({ platform_account_ids: [x, mastodon], count: 2 });
    expect(both.ok && both.data.accounts.map((a) => a.platform_name)).toEqual(["X", "Mastodon"]);
    const api = await call(suggestions.GET, { token: A.tokens.viewer, path: `/api/v1/suggestions/times?platform_account_id=${mastodon}&count=2` });
    expect(api.status).toBe(200);
    expect(api.json).toMatchObject({
      platform_account_id: mastodon,
      platform_name: "Mastodon",
      account_name: "Toots",
      research: { platform: "X", label: "no research for Mastodon; using the research for X" },
    });
    expect(api.json!.items).toHaveLength(2);
    expect((await call(suggestions.GET, { token: A.tokens.viewer, path: `/api/v1/suggestions/times?platform_account_id=${foreign}` })).status).toBe(404);
  });

  it("through the API: learned times with the expected rate, its interval, the posts behind them and the reason; a bad content type is a 400", async () => {
    const db = ref.current.db;
    // 30 results of Brand X: Fridays 16–18 h in Berlin twice as good as the rest.
    const rows = Array.from({ length: 30 }, (_, i) => {
      const postedAt = new Date(now.getTime() - (1 + i) * 86_400_000 + (5 + (i % 12)) * 3_600_000);
      const slot = publishSlot(postedAt, "Europe/Berlin");
      const rate = slot.weekday === 5 && slot.hour >= 16 && slot.hour < 19 ? 0.08 : 0.03;
      return {
        workspaceId: A.workspace.id,
        platformAccountId: x,
        source: "imported",
        postedAt,
        timezone: "Europe/Berlin",
        weekday: slot.weekday,
        minuteOfDay: slot.minuteOfDay,
        impressions: 1000,
        likes: rate * 1000,
        engagementRate: rate,
        rateBasis: "impressions",
        contentType: "article",
      };
    });
    await db.insert(engagementObservations).values(rows);
    await relearnAccounts(db, A.workspace.id, [x], now);

    const path = `/api/v1/suggestions/times?platform_account_id=${x}&count=3&content_type=article&date_from=2031-05-05&date_to=2031-05-11&timezone=Europe/Berlin`;
    const api = await call(suggestions.GET, { token: A.tokens.viewer, path });
    expect(api.status).toBe(200);
    expect(api.json!.basis).toEqual({ source: "learned", reason: "learned from 30 of your posts, 30 of them articles", posts: 30 });
    const items = api.json!.items as {
      local_time: string;
      score: number;
      expected_engagement_rate: number;
      interval: { low: number; high: number; probability: number };
      posts: number;
      reason: string;
    }[];
    expect(items).toHaveLength(3);
    // Ranked by score; each slot counts the account's posts at its weekday and hour.
    expect(items.map((i) => i.score)).toEqual(items.map((i) => i.score).sort((p, q) => q - p));
    const postsAt = (local: string) =>
      rows.filter((r) => {
        const s = publishSlot(r.postedAt, "Europe/Berlin");
        return s.weekday === new Date(`${local.slice(0, 10)}T12:00:00Z`).getUTCDay() && s.hour === Number(local.slice(11, 13));
      }).length;
    expect(items.map((i) => i.posts)).toEqual(items.map((i) => postsAt(i.local_time)));
    expect(postsAt(items[0]!.local_time)).toBeGreaterThan(0);
    for (const item of items) {
      expect(typeof item.score).toBe("number");
      expect(item.reason).toBe("learned from 30 of your posts, 30 of them articles");
      expect(item.interval.probability).toBe(0.9);
      expect(item.interval.low).toBeLessThanOrEqual(item.expected_engagement_rate);
      expect(item.interval.high).toBeGreaterThanOrEqual(item.expected_engagement_rate);
    }
    // Friday 9 May 2031, late afternoon in Berlin.
    expect(items[0]!.local_time).toMatch(/^2031-05-09T1[678]:/);
    const bad = await call(suggestions.GET, { token: A.tokens.viewer, path: `/api/v1/suggestions/times?platform_account_id=${x}&content_type=video` });
    expect(bad.status).toBe(400);
    expect(bad.json!.error.message).toContain("content_type must be one of post, article, thread, carousel");
  });
});
