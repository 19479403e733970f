/**
 * The analytics report's queries on rows written here, with every expected aggregate worked out by
 * hand from those rows. Europe/Berlin (UTC+2 in June) makes local days differ from UTC days.
 */
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount } from "@/scripts/test/publishing";
import { contentAnalytics, contentItems, publishAttempts, schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import { parseRange, type ReportRange } from "@/lib/analytics/range";
import { analyticsDataset } from "@/lib/analytics/dashboard";
import { loadReport, type RawReport } from "./analytics-report";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const NOW = new Date("2025-07-01T12:00:00Z");

function range(from: string, to: string, zone: string): ReportRange {
  const r = parseRange(from, to, NOW, zone);
  if (!r.ok) throw new Error(r.message);
  return r.range;
}
const windowOf = (workspaceId: string, r: ReportRange) => ({ workspaceId, start: r.start, end: r.end, segments: r.segments });

type Outcome = "success" | "retryable" | "auth" | "in_progress";
interface Post {
  account: string;
  platform: string;
  type?: "post" | "thread" | "article";
  due: string;
  published?: string;
  attempts?: [string, Outcome][];
  readings?: { at: string; likes: number; shares: number; comments: number; impressions: number; rate: number }[];
}

async function post(workspaceId: string, p: Post) {
  const [item] = await db()
    .insert(contentItems)
    .values({ workspaceId, title: "Report test", content: "x", contentType: p.type ?? "post" })
    .returning({ id: contentItems.id });
  const id = crypto.randomUUID();
  const due = new Date(p.due);
  await db()
    .insert(schedules)
    .values({
      id,
      workspaceId,
      contentItemId: item!.id,
      platformAccountId: p.account,
      platformId: p.platform,
      scheduledTime: due,
      originalTime: due,
      localTime: p.due.slice(0, 16),
      timezone: "UTC",
      publishStatus: p.published ? "published" : "failed",
      publishedAt: p.published ? new Date(p.published) : null,
    });
  for (const [i, [at, outcome]] of (p.attempts ?? []).entries()) {
    await db()
      .insert(publishAttempts)
      .values({ scheduleId: id, attemptNumber: i + 1, startedAt: new Date(at), outcome });
  }
  for (const r of p.readings ?? []) {
    await db()
      .insert(contentAnalytics)
      .values({
        contentItemId: item!.id,
        scheduleId: id,
        platformId: p.platform,
        measuredAt: new Date(r.at),
        likesCount: r.likes,
        sharesCount: r.shares,
        commentsCount: r.comments,
        impressions: r.impressions,
        engagementRate: r.rate,
      });
  }
  return id;
}

let wsA = "";
let wsDst = "";
let viewer: Awaited<ReturnType<typeof makeWorkspace>>["actors"]["viewer"];

beforeAll(async () => {
  const a = await makeWorkspace(db(), ["viewer"]);
  wsA = a.workspace.id;
  viewer = a.actors.viewer;
  const sandbox = await makeAccount(db(), wsA, "sandbox");
  const mastodon = await makeAccount(db(), wsA, "mastodon");
  // s1: Mon 2 June 09:00 local; waited 2 s; two readings, the later one counts.
  await post(wsA, {
    account: sandbox,
    platform: "sandbox",
    due: "2025-06-02T07:00:00Z",
    published: "2025-06-02T07:00:03Z",
    attempts: [["2025-06-02T07:00:02Z", "success"]],
    readings: [
      { at: "2025-06-02T08:00:00Z", likes: 1, shares: 0, comments: 0, impressions: 100, rate: 0.01 },
      { at: "2025-06-03T07:00:00Z", likes: 10, shares: 2, comments: 3, impressions: 500, rate: 0.03 },
    ],
  });
  // s2: due Mon 22:30 UTC = Tue 00:30 local; a retry, then success; a reading without audience.
  await post(wsA, {
    account: sandbox,
    platform: "sandbox",
    type: "thread",
    due: "2025-06-02T22:30:00Z",
    published: "2025-06-02T22:35:01Z",
    attempts: [
      ["2025-06-02T22:30:10Z", "retryable"],
      ["2025-06-02T22:35:00Z", "success"],
    ],
    readings: [{ at: "2025-06-03T22:35:00Z", likes: 4, shares: 1, comments: 0, impressions: 0, rate: 0 }],
  });
  // s3: refused credentials, never published; waited 4 s.
  await post(wsA, { account: mastodon, platform: "mastodon", due: "2025-06-03T10:00:00Z", attempts: [["2025-06-03T10:00:04Z", "auth"]] });
  // s7: still in progress (counts for latency, 1 s, not as a finished attempt).
  await post(wsA, { account: sandbox, platform: "sandbox", due: "2025-06-03T12:00:00Z", attempts: [["2025-06-03T12:00:01Z", "in_progress"]] });
  // s4: Wed 23:59 local, the last minute of the range; waited 30 s.
  await post(wsA, {
    account: mastodon,
    platform: "mastodon",
    type: "article",
    due: "2025-06-04T21:59:00Z",
    published: "2025-06-04T21:59:31Z",
    attempts: [["2025-06-04T21:59:30Z", "success"]],
    readings: [{ at: "2025-06-05T21:59:00Z", likes: 5, shares: 1, comments: 1, impressions: 200, rate: 0.035 }],
  });
  // s5: Thu 00:00 local (after the range), s6: Sun 23:59 local (before it).
  await post(wsA, {
    account: sandbox,
    platform: "sandbox",
    due: "2025-06-04T22:00:00Z",
    published: "2025-06-04T22:00:06Z",
    attempts: [["2025-06-04T22:00:05Z", "success"]],
    readings: [{ at: "2025-06-05T22:00:00Z", likes: 99, shares: 9, comments: 9, impressions: 999, rate: 0.5 }],
  });
  await post(wsA, {
    account: sandbox,
    platform: "sandbox",
    due: "2025-06-01T21:59:00Z",
    published: "2025-06-01T21:59:02Z",
    attempts: [["2025-06-01T21:59:01Z", "success"]],
  });

  // Another workspace in the same days: never counted.
  const b = (await makeWorkspace(db(), ["admin"])).workspace.id;
  const other = await makeAccount(db(), b, "sandbox");
  await post(b, {
    account: other,
    platform: "sandbox",
    due: "2025-06-03T07:00:00Z",
    published: "2025-06-03T07:00:01Z",
    attempts: [["2025-06-03T07:00:00Z", "success"]],
    readings: [{ at: "2025-06-04T07:00:00Z", likes: 50, shares: 5, comments: 5, impressions: 100, rate: 0.6 }],
  });

  // Berlin's spring-forward night (01:00 UTC, 30 March 2025): 00:30 UTC is 01:30 CET, 01:30 UTC is 03:30 CEST.
  wsDst = (await makeWorkspace(db(), ["admin"])).workspace.id;
  const dst = await makeAccount(db(), wsDst, "sandbox");
  await post(wsDst, { account: dst, platform: "sandbox", due: "2025-03-30T00:30:00Z", published: "2025-03-30T00:30:00Z" });
  await post(wsDst, { account: dst, platform: "sandbox", due: "2025-03-30T01:30:00Z", published: "2025-03-30T01:30:00Z" });
});

describe("analytics report queries", () => {
  const june = () => range("2025-06-02", "2025-06-04", "Europe/Berlin");
  let report: RawReport;
  beforeAll(async () => {
    report = await loadReport(db(), windowOf(wsA, june()));
  });

  it("counts finished attempts per local day, and which succeeded", () => {
    expect(report.success).toEqual([
      { day: "2025-06-02", attempts: 1, succeeded: 1 },
      { day: "2025-06-03", attempts: 3, succeeded: 1 },
      { day: "2025-06-04", attempts: 1, succeeded: 1 },
    ]);
    expect(report.errors).toEqual([
      { outcome: "success", n: 3 },
      { outcome: "auth", n: 1 },
      { outcome: "retryable", n: 1 },
    ]);
  });

  it("measures latency from the due time to the first attempt, per due day and overall", () => {
    const [total, ...days] = report.latency;
    expect(total).toEqual({ day: null, posts: 5, mean_s: 47 / 5, p50_s: 4, p95_s: expect.closeTo(26, 9) });
    expect(days.map((d) => [d.day, d.posts, d.mean_s, d.p50_s])).toEqual([
      ["2025-06-02", 1, 2, 2],
      ["2025-06-03", 3, 5, 4],
      ["2025-06-04", 1, 30, 30],
    ]);
    expect(days[1]!.p95_s).toBeCloseTo(9.4, 9);
  });

  it("distributes published posts by platform, content type and local weekday/hour", () => {
    expect(report.platforms).toEqual([
      { key: "sandbox", n: 2 },
      { key: "mastodon", n: 1 },
    ]);
    expect(report.content_types).toEqual([
      { key: "article", n: 1 },
      { key: "post", n: 1 },
      { key: "thread", n: 1 },
    ]);
    expect(report.weekday_hour).toEqual([
      { weekday: 1, hour: 9, n: 1 },
      { weekday: 2, hour: 0, n: 1 },
      { weekday: 3, hour: 23, n: 1 },
    ]);
  });

  it("sums engagement from each post's latest reading; the mean rate leaves out readings without an audience", () => {
    expect(report.engagement_platforms).toEqual([
      { key: "mastodon", posts: 1, rated: 1, mean_rate: 0.035, likes: 5, shares: 1, comments: 1, impressions: 200 },
      { key: "sandbox", posts: 2, rated: 1, mean_rate: 0.03, likes: 14, shares: 3, comments: 3, impressions: 500 },
    ]);
    expect(report.engagement_daily).toEqual([
      { key: "2025-06-02", posts: 1, rated: 1, mean_rate: 0.03, likes: 10, shares: 2, comments: 3, impressions: 500 },
      { key: "2025-06-03", posts: 1, rated: 0, mean_rate: null, likes: 4, shares: 1, comments: 0, impressions: 0 },
      { key: "2025-06-04", posts: 1, rated: 1, mean_rate: 0.035, likes: 5, shares: 1, comments: 1, impressions: 200 },
    ]);
    expect(report.best_time).toEqual([
      { weekday: 1, hour: 9, samples: 1, mean_rate: 0.03 },
      { weekday: 3, hour: 23, samples: 1, mean_rate: 0.035 },
    ]);
  });

  it("buckets by the viewer's zone: the same rows by UTC days", async () => {
    const utc = await loadReport(db(), windowOf(wsA, range("2025-06-02", "2025-06-04", "UTC")));
    expect(utc.success).toEqual([
      { day: "2025-06-02", attempts: 3, succeeded: 2 },
      { day: "2025-06-03", attempts: 1, succeeded: 0 },
      { day: "2025-06-04", attempts: 2, succeeded: 2 },
    ]);
    expect(utc.weekday_hour).toEqual([
      { weekday: 1, hour: 7, n: 1 },
      { weekday: 1, hour: 22, n: 1 },
      { weekday: 3, hour: 21, n: 1 },
      { weekday: 3, hour: 22, n: 1 },
    ]);
  });

  it("uses each side's offset across a DST change", async () => {
    const r = await loadReport(db(), windowOf(wsDst, range("2025-03-29", "2025-03-31", "Europe/Berlin")));
    expect(r.weekday_hour).toEqual([
      { weekday: 0, hour: 1, n: 1 },
      { weekday: 0, hour: 3, n: 1 },
    ]);
  });

  it("a member's dataset export reads the same rows through the permission check", async () => {
    const rows = await analyticsDataset(db(), viewer, june(), "success");
    expect(rows.map((r) => [r.day, r.attempts, r.failed, r.rate])).toEqual([
      ["2025-06-02", 1, 0, 1],
      ["2025-06-03", 3, 2, 1 / 3],
      ["2025-06-04", 1, 0, 1],
    ]);
    const empty = await loadReport(db(), windowOf(wsA, range("2025-05-01", "2025-05-31", "Europe/Berlin")));
    expect(Object.values(empty).every((rows) => rows.length === 0)).toBe(true);
  });
});
