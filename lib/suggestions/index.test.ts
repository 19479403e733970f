import { describe, expect, it } from "vitest";
import type { AccountRules, Slot } from "../conflicts";
import { BASELINES, baselineFor, researchBasis, suggestTimes, type SuggestInput } from "./index";

// Berlin is UTC+2 in June 2026; 1 June is a Monday.
const now = new Date("2026-05-01T00:00:00Z");
const rules: AccountRules = { minGapMinutes: 15, dailyCap: null, duplicateDays: 7 };
const week1 = { from: new Date("2026-05-31T22:00:00Z"), to: new Date("2026-06-07T22:00:00Z") }; // Mon 1 – Sun 7 June, Berlin
const post = (id: string, instant: string): Slot => ({ id, accountId: "A", platformId: "x", contentItemId: id, instant: new Date(instant), status: "pending" });
const input = (o: Partial<SuggestInput> = {}): SuggestInput => ({
  platformId: "x",
  timezone: "Europe/Berlin",
  ...week1,
  count: 3,
  existing: [],
  blackouts: [],
  rules,
  now,
  ...o,
});
const locals = (o: Partial<SuggestInput>) => suggestTimes(input(o)).map((s) => s.local);
const X_PEAK = "Tue–Thu 08:00–12:00 is when X audiences engage most";

describe("baselines", () => {
  it("maps every platform to the research the spec gives", () => {
    expect(baselineFor("bluesky")).toBe(BASELINES.x);
    expect(baselineFor("threads")).toBe(BASELINES.instagram);
    expect(baselineFor("medium")).toBe(BASELINES.linkedin);
    expect(baselineFor("webhook").windows).toEqual([expect.objectContaining({ weekdays: [1, 2, 3, 4, 5], fromHour: 9, toHour: 17 })]);
  });
});

describe("researchBasis", () => {
  it("names each account's own platform and the research it rests on", () => {
    expect(researchBasis("x")).toEqual({ platform: "X", research: "X", label: "research for X" });
    expect(researchBasis("linkedin").label).toBe("research for LinkedIn");
    expect(researchBasis("mastodon")).toEqual({ platform: "Mastodon", research: "X", label: "no research for Mastodon; using the research for X" });
    expect(researchBasis("threads").label).toBe("no research for Threads; using the research for Instagram");
    expect(researchBasis("sandbox")).toEqual({ platform: "Sandbox", research: null, label: "no research for Sandbox; using the general baseline" });
    expect(researchBasis("webhook").label).toBe("no research for Webhook; using the general baseline");
  });
});

describe("suggestTimes", () => {
  it("puts X posts in Tue–Thu 08:00–12:00 Berlin time, one a day first", () => {
    const s = suggestTimes(input());
    expect(s.map((x) => x.start.toISOString())).toEqual(["2026-06-02T06:00:00.000Z", "2026-06-03T06:00:00.000Z", "2026-06-04T06:00:00.000Z"]);
    expect(s[0]).toEqual({
      start: new Date("2026-06-02T06:00:00Z"),
      local: "2026-06-02T08:00",
      score: 1,
      reasons: [X_PEAK, "no other post within 3 hours", "nothing else is planned that day"],
      expected: null,
      slotPosts: 0,
      basis: "research baseline for X",
    });
    // A second post on a peak day goes 3 hours after the first, clear of the nearness penalty.
    expect(locals({ count: 6 })).toEqual([
      "2026-06-02T08:00",
      "2026-06-03T08:00",
      "2026-06-04T08:00",
      "2026-06-02T11:00",
      "2026-06-03T11:00",
      "2026-06-04T11:00",
    ]);
  });

  it("never gives more than two a day or two within the min gap, falling back to daytime hours", () => {
    const s = locals({ count: 7 });
    expect(s[6]).toBe("2026-06-01T08:00");
    const spread = suggestTimes(input({ count: 20, rules: { ...rules, minGapMinutes: 120 } }));
    const starts = spread.map((x) => x.start.getTime()).sort((a, b) => a - b);
    starts.slice(1).forEach((t, i) => expect(t - starts[i]!).toBeGreaterThanOrEqual(120 * 60_000));
    const days = spread.map((x) => x.local.slice(0, 10));
    for (const d of new Set(days)) expect(days.filter((x) => x === d).length).toBeLessThanOrEqual(2);
    expect(spread).toHaveLength(14); // 7 days × 2
  });

  it("avoids existing posts", () => {
    const existing = [post("e1", "2026-06-02T06:00:00Z")]; // Tue 08:00
    expect(locals({ existing, count: 3 })).toEqual(["2026-06-03T08:00", "2026-06-04T08:00", "2026-06-02T11:00"]);
    const tue = suggestTimes(input({ existing, count: 3 }))[2]!;
    expect(tue).toMatchObject({ score: 0.9, reasons: [X_PEAK, "no other post within 3 hours", "that day already has 1 post"] });
    // A cancelled post frees its slot; one on another account does too when the account is given.
    expect(locals({ existing: [{ ...existing[0]!, status: "cancelled" }], count: 1 })).toEqual(["2026-06-02T08:00"]);
    expect(locals({ existing: [{ ...existing[0]!, accountId: "B" }], accountId: "A", count: 1 })).toEqual(["2026-06-02T08:00"]);
  });

  it("skips blackouts and days at the daily cap", () => {
    const wednesday = { id: "b", accountId: null, startsAt: new Date("2026-06-02T22:00:00Z"), endsAt: new Date("2026-06-03T22:00:00Z"), reason: "Offsite" };
    expect(locals({ blackouts: [wednesday], count: 2 })).toEqual(["2026-06-02T08:00", "2026-06-04T08:00"]);
    const capped = { ...rules, dailyCap: 1 };
    expect(locals({ existing: [post("e1", "2026-06-02T16:00:00Z")], rules: capped, count: 1 })).toEqual(["2026-06-03T08:00"]);
  });

  it("respects maxPerWeek and favours weeks below minPerWeek", () => {
    const twoWeeks = { from: week1.from, to: new Date("2026-06-14T22:00:00Z") };
    const existing = [post("e1", "2026-06-01T07:00:00Z"), post("e2", "2026-06-01T16:00:00Z")]; // two on Monday 1 June
    const s = suggestTimes(input({ ...twoWeeks, existing, maxPerWeek: 2, count: 2 }));
    expect(s.map((x) => x.local)).toEqual(["2026-06-09T08:00", "2026-06-10T08:00"]);
    expect(s.map((x) => x.reasons[3])).toEqual(["this week has 0 of at most 2 posts", "this week has 1 of at most 2 posts"]);
    expect(suggestTimes(input({ existing, maxPerWeek: 2 }))).toEqual([]);
    // Week 1 already has its 2, so with a minimum of 2 the empty week 2 gets the bonus; with 3 both do.
    expect(suggestTimes(input({ ...twoWeeks, existing, count: 1 }))[0]).toMatchObject({ local: "2026-06-02T08:00", score: 1 });
    const lonely = suggestTimes(input({ ...twoWeeks, existing, minPerWeek: 2, count: 1 }))[0]!;
    expect(lonely).toMatchObject({ local: "2026-06-09T08:00", score: 1.3, reasons: expect.arrayContaining(["this week has 0 of at least 2 posts"]) });
    expect(suggestTimes(input({ ...twoWeeks, existing, minPerWeek: 3, count: 1 }))[0]).toMatchObject({ local: "2026-06-02T08:00", score: 1.3 });
  });

  it("starts at now", () => {
    expect(locals({ now: new Date("2026-06-02T07:10:00Z"), count: 1 })).toEqual(["2026-06-02T09:30"]);
  });

  it("with a learned model, ranks by the model and says what it expects and why", () => {
    // Thursday 17:00 (outside X's research window) is the learned peak; the rest is flat.
    const slots = Array.from({ length: 168 }, (_, i) => ({
      lift: i === 4 * 24 + 17 ? 1.6 : 1,
      liftSd: 0.1,
      posts: i === 4 * 24 + 17 ? 4 : 0,
      rate: 0.02,
      low: 0.015,
      high: 0.025,
    }));
    slots[4 * 24 + 17] = { ...slots[4 * 24 + 17]!, rate: 0.032, low: 0.025, high: 0.04 };
    const model = { slots, timezone: "Europe/Berlin", posts: 30, reason: "learned from 30 of your posts" };
    const [first, second] = suggestTimes(input({ model, count: 2 }));
    expect(first).toMatchObject({
      local: "2026-06-04T17:00",
      score: 1,
      expected: { rate: 0.032, low: 0.025, high: 0.04 },
      slotPosts: 4,
      basis: "learned from 30 of your posts",
    });
    expect(first!.reasons[0]).toBe("Learned from 30 of your posts; Thursdays at 17:00: expected engagement 3.20% (2.50%–4.00%); 4 of your posts went out then");
    // The half hour after is the same slot, but within 3 hours of the first pick; the flat rest ties and the earliest wins.
    expect(second).toMatchObject({ local: "2026-06-04T17:30", expected: { rate: 0.032 } });
    // Learned where the account posts, in New York: its Thursday 17:00 is 23:00 in Berlin, where the times are asked.
    const [far] = suggestTimes(input({ model: { ...model, timezone: "America/New_York" }, count: 1 }));
    expect(far).toMatchObject({ local: "2026-06-04T23:00", expected: { rate: 0.032 } });
    expect(far!.reasons[0]).toContain("Thursdays at 17:00 America/New_York");
    // Without a model: the research baseline, named, and no expected rate.
    const [plain] = suggestTimes(input({ count: 1 }));
    expect(plain).toMatchObject({ local: "2026-06-02T08:00", expected: null, slotPosts: 0, basis: "research baseline for X" });
  });

  it("strict: never a time within the minimum gap of another post or on a day at its cap", () => {
    const existing = [post("e1", "2026-06-02T06:00:00Z")]; // Tuesday 08:00 Berlin
    const gap = { ...rules, minGapMinutes: 240 };
    // Only Tuesday morning to choose from: the loose answer breaks the gap (and says so), the strict one is empty.
    const morning = { from: new Date("2026-06-02T06:30:00Z"), to: new Date("2026-06-02T09:00:00Z") };
    const [loose] = suggestTimes(input({ existing, rules: gap, ...morning, count: 1 }));
    expect(loose!.reasons.some((r) => r.includes("minimum gap"))).toBe(true);
    expect(suggestTimes(input({ existing, rules: gap, ...morning, count: 1, strict: true }))).toEqual([]);
    const strict = suggestTimes(input({ existing, rules: gap, count: 40, strict: true }));
    expect(strict.filter((x) => x.local.startsWith("2026-06-02T") && x.local < "2026-06-02T12:00")).toEqual([]);
    const capped = suggestTimes(input({ existing, rules: { ...rules, dailyCap: 1 }, count: 40, strict: true }));
    expect(capped.filter((x) => x.local.startsWith("2026-06-02"))).toEqual([]);
    expect(capped.length).toBeGreaterThan(0);
  });

  it("is stable and ignores the order of its input", () => {
    const existing = [post("e1", "2026-06-02T06:00:00Z"), post("e2", "2026-06-03T09:00:00Z"), post("e3", "2026-06-04T07:30:00Z")];
    const a = suggestTimes(input({ existing, count: 5 }));
    expect(suggestTimes(input({ existing: [...existing].reverse(), count: 5 }))).toEqual(a);
    expect(a.map((x) => x.score)).toEqual([...a.map((x) => x.score)].sort((p, q) => q - p));
  });
});
