import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue } from "@/scripts/test/publishing";
import { bestTimeRefits, contentAnalytics, engagementObservations, schedules } from "@/db/schema";
import type { Db } from "@/db/client";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const MIGRATION = path.join(process.cwd(), "db/migrations/0012_best_time_observations_from_measurements.sql");

/** A published post with a +24 h reading (and, when asked, a +1 h one the rebuild must ignore). */
async function measured(wsId: string, accountId: string, publishedAt: string, timezone: string, counts: Partial<typeof contentAnalytics.$inferInsert>) {
  const { scheduleId, contentId } = await makeDue(db(), wsId, accountId, "sandbox", { contentType: "thread" });
  const [hour] = await db()
    .insert(contentAnalytics)
    .values({ contentItemId: contentId, scheduleId, platformId: "sandbox", likesCount: 1, impressions: 10, measuredAt: new Date(publishedAt) })
    .returning();
  const [day] = await db()
    .insert(contentAnalytics)
    .values({ contentItemId: contentId, scheduleId, platformId: "sandbox", measuredAt: new Date(Date.parse(publishedAt) + 86_400_000), ...counts })
    .returning();
  const entry = (id: string) => ({ measured_at: publishedAt, analytics_id: id, covers: [] });
  await db()
    .update(schedules)
    .set({
      publishStatus: "published",
      publishedAt: new Date(publishedAt),
      timezone,
      metadata: { analytics: { "1h": entry(hour!.id), "24h": entry(day!.id) } },
    })
    .where(eq(schedules.id, scheduleId));
  return scheduleId;
}

describe("upgrading to learned best times", () => {
  it("rebuilds one observation per measured post from its +24 h reading, in the post's own zone", async () => {
    const { workspace } = await makeWorkspace(db());
    const accountId = await makeAccount(db(), workspace.id, "sandbox");
    // 2026-03-03 14:30 UTC is Tuesday 09:30 in New York, Wednesday 03:30 in Auckland.
    const ny = await measured(workspace.id, accountId, "2026-03-03T14:30:00Z", "America/New_York", {
      likesCount: 6,
      sharesCount: 2,
      clicksCount: 2,
      impressions: 200,
    });
    const nz = await measured(workspace.id, accountId, "2026-03-03T14:30:00Z", "Pacific/Auckland", { likesCount: 3, reach: 60 });
    const none = await measured(workspace.id, accountId, "2026-03-03T14:30:00Z", "Mars/Olympus", { likesCount: 3 });
    // Published but never measured at +24 h: nothing to rebuild.
    const { scheduleId: unmeasured } = await makeDue(db(), workspace.id, accountId, "sandbox");
    await db().update(schedules).set({ publishStatus: "published", publishedAt: new Date() }).where(eq(schedules.id, unmeasured));

    for (const statement of fs.readFileSync(MIGRATION, "utf8").split("--> statement-breakpoint")) await db().execute(sql.raw(statement));

    const rows = await db().select().from(engagementObservations).where(eq(engagementObservations.workspaceId, workspace.id));
    expect(rows).toHaveLength(3);
    const of = (id: string) => rows.find((r) => r.scheduleId === id)!;
    expect(of(ny)).toMatchObject({
      source: "measured",
      timezone: "America/New_York",
      weekday: 2,
      minuteOfDay: 9 * 60 + 30,
      contentType: "thread",
      likes: 6,
      rateBasis: "impressions",
    });
    expect(of(ny).engagementRate).toBeCloseTo(10 / 200, 12);
    expect(of(nz)).toMatchObject({ timezone: "Pacific/Auckland", weekday: 3, minuteOfDay: 3 * 60 + 30, rateBasis: "reach" });
    expect(of(nz).engagementRate).toBeCloseTo(3 / 60, 12);
    // An unknown zone reads as UTC; no audience figure, no rate.
    expect(of(none)).toMatchObject({ timezone: "UTC", weekday: 2, minuteOfDay: 14 * 60 + 30, engagementRate: null, rateBasis: null });
    // The account's model is fitted at the next pass of the learn-best-times job.
    expect(await db().select().from(bestTimeRefits).where(eq(bestTimeRefits.platformAccountId, accountId))).toEqual([
      expect.objectContaining({ workspaceId: workspace.id }),
    ]);
  });
});
