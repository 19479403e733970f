import { describe, expect, it } from "vitest";
import { linkClicks, trackedLinks } from "@/db/schema";
import { analyticsFixtures, HOUR } from "@/lib/analytics/collect-fixtures";

const { db, base, after, collect, withMetrics, workspace, sandboxAccount, published, readings, setLikes } = analyticsFixtures();

describe("counted clicks in the engagement figures", () => {
  it("fill in where the platform reports no clicks, and never add to the platform's own count", async () => {
    const wsId = await workspace();
    const accountId = await sandboxAccount(wsId);
    const t = base(3);
    const [quiet, reporting] = await published(wsId, accountId, "sandbox", 2, t);
    for (const [i, p] of [quiet!, reporting!].entries()) {
      const [link] = await db()
        .insert(trackedLinks)
        .values({
          workspaceId: wsId,
          code: `clk${i}${Date.now().toString(36)}`.slice(0, 10),
          contentItemId: p.contentId,
          scheduleId: p.id,
          platformId: "sandbox",
          url: "https://shop.example/x",
          targetUrl: "https://shop.example/x?utm_source=sandbox",
        })
        .returning({ id: trackedLinks.id });
      await db()
        .insert(linkClicks)
        .values([
          { linkId: link!.id, day: "2021-03-06", clicks: 2 },
          { linkId: link!.id, day: "2021-03-07", clicks: 1 },
        ]);
    }
    await setLikes(quiet!.postId, 5);
    // The sandbox reports no clicks for one post, 7 for the other.
    const adapters = withMetrics("sandbox", (fetchMetrics) => async (ctx, id) => {
      const m = await fetchMetrics(ctx, id);
      return id === reporting!.postId ? { ...m, clicks: 7 } : m;
    });
    expect(await collect(after(t, HOUR), { adapters })).toMatchObject({ collected: 2 });
    const [a] = await readings([quiet!.id]);
    const [b] = await readings([reporting!.id]);
    expect(a!.clicksCount).toBe(3);
    expect(b!.clicksCount).toBe(7);
    // The counted clicks take part in the rate like the platform's would: (likes + clicks) / impressions.
    expect(a!).toMatchObject({ likesCount: 5, impressions: 100 });
    expect(a!.engagementRate).toBeCloseTo(8 / 100, 12);
  });
});
