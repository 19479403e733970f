import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount } from "@/scripts/test/publishing";
import { importedHistory } from "@/scripts/test/best-times";
import { contentItems, schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import { AppError } from "../errors";
import { learnBestTimes } from "../besttimes/learn";
import { parseLocal, resolveLocal, utcToLocal, formatLocal } from "../time";
import { scheduleAtBestTimes } from "./best-queue";
import { bulkSchedule } from "./bulk";
import { createTrial } from "../trials/manage";
import { trialCreateSchema } from "../validation/trials";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const now = new Date("2031-03-03T00:00:00Z"); // a Monday
const DAY = 86_400_000;
const ZONE = "Europe/Berlin";

async function item(wsId: string, title = "Post") {
  const [row] = await db()
    .insert(contentItems)
    .values({ workspaceId: wsId, title, content: `${title} body`, status: "approved" })
    .returning();
  return row!.id;
}

/** 80 imported results: Wednesdays at 19–21 h Berlin are far the best. */
async function wednesdayEvenings(workspaceId: string, accountId: string) {
  const rate = (weekday: number, hour: number) => 0.02 * (weekday === 3 ? 1.6 : 1) * (hour >= 19 && hour < 22 ? 2.5 : 1);
  await importedHistory(db(), { workspaceId, accountId, n: 80, zone: ZONE, now, rate });
  await learnBestTimes(db(), now);
}

/** A bulk request's fixed part: one account, the default retry and missed-post settings. */
const bulkOn = (account: string) => ({
  platform_account_ids: [account],
  retry_strategy: "exponential" as const,
  max_retries: 3,
  priority: "normal" as const,
  missed_policy: "publish_late" as const,
});
const localOf = (t: Date) => formatLocal(utcToLocal(t, ZONE)).slice(0, 16);
const scheduled = async (contentIds: string[]) =>
  (await db().select().from(schedules).where(inArray(schedules.contentItemId, contentIds))).sort(
    (a, b) => a.scheduledTime.getTime() - b.scheduledTime.getTime(),
  );

describe("at the best free times", () => {
  it("puts each account's post at its own best free time, learned where it has results", async () => {
    const { workspace, actors } = await makeWorkspace(db());
    const learned = await makeAccount(db(), workspace.id, "linkedin", { name: "Learned" });
    const fresh = await makeAccount(db(), workspace.id, "x", { name: "Fresh" });
    await wednesdayEvenings(workspace.id, learned);
    const id = await item(workspace.id);

    const made = await scheduleAtBestTimes(db(), actors.editor, id, [learned, fresh], now, { timezone: ZONE });
    expect(made).toHaveLength(2);
    const rows = await scheduled([id]);
    const at = (acc: string) => localOf(rows.find((r) => r.platformAccountId === acc)!.scheduledTime);
    // Wednesday 5 March, in the evening, learned; research says Tue–Thu mornings for X.
    expect(at(learned)).toMatch(/^2031-03-05T(19|20|21):/);
    expect(at(fresh)).toMatch(/^2031-03-04T0[89]:/);
    expect(rows.every((r) => r.timezone === ZONE && r.publishStatus === "pending")).toBe(true);
  });

  it("keeps the minimum gap and the daily cap, and says so when an account has no free time", async () => {
    const { workspace, actors } = await makeWorkspace(db());
    const acc = await makeAccount(db(), workspace.id, "linkedin", { config: { min_gap_minutes: 240, daily_cap: 1 } });
    await wednesdayEvenings(workspace.id, acc);
    const first = await item(workspace.id, "First");
    const second = await item(workspace.id, "Second");
    await scheduleAtBestTimes(db(), actors.editor, first, [acc], now, { timezone: ZONE });
    await scheduleAtBestTimes(db(), actors.editor, second, [acc], now, { timezone: ZONE });
    const [a, b] = await scheduled([first, second]);
    expect(localOf(a!.scheduledTime).slice(0, 10)).not.toBe(localOf(b!.scheduledTime).slice(0, 10));
    expect(Math.abs(a!.scheduledTime.getTime() - b!.scheduledTime.getTime())).toBeGreaterThanOrEqual(240 * 60_000);

    // A one-day window already holding its one post: nothing free, a 409 naming the account, nothing written.
    const third = await item(workspace.id, "Third");
    const day = localOf(a!.scheduledTime).slice(0, 10);
    const from = resolveLocal(parseLocal(`${day}T00:00`)!, ZONE).instant;
    const err = await scheduleAtBestTimes(db(), actors.editor, third, [acc], now, { timezone: ZONE, from, to: new Date(from.getTime() + DAY) }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "conflict:queue_full" });
    expect(await scheduled([third])).toEqual([]);
  });

  it("bulk best_times places the items one after another within the range, all or none", async () => {
    const { workspace, actors } = await makeWorkspace(db());
    const acc = await makeAccount(db(), workspace.id, "linkedin", { config: { min_gap_minutes: 120, daily_cap: 2 } });
    await wednesdayEvenings(workspace.id, acc);
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await item(workspace.id, `Item ${i}`));
    const pattern = { type: "best_times" as const, start_date: "2031-03-04", end_date: "2031-03-10", timezone: ZONE };
    const base = bulkOn(acc);
    const r = await bulkSchedule(db(), actors.editor, { ...base, content_item_ids: ids, pattern }, now);
    expect(r.created).toHaveLength(6);
    const rows = await scheduled(ids);
    expect(rows).toHaveLength(6);
    const locals = rows.map((x) => localOf(x.scheduledTime));
    for (const l of locals) expect(l >= "2031-03-04T00:00" && l < "2031-03-11T00:00").toBe(true);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.scheduledTime.getTime() - rows[i - 1]!.scheduledTime.getTime()).toBeGreaterThanOrEqual(120 * 60_000);
    const perDay = new Map<string, number>();
    for (const l of locals) perDay.set(l.slice(0, 10), (perDay.get(l.slice(0, 10)) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(2);
    // The learned evening slot of Wednesday is taken first.
    expect(locals.some((l) => /^2031-03-05T(19|20|21):/.test(l))).toBe(true);

    // Five more into one day with a cap of 2: refused, every item named, nothing kept.
    const more = [];
    for (let i = 0; i < 3; i++) more.push(await item(workspace.id, `More ${i}`));
    const err = await bulkSchedule(
      db(),
      actors.editor,
      { ...base, content_item_ids: more, pattern: { ...pattern, start_date: "2031-03-12", end_date: "2031-03-12" } },
      now,
    ).catch((e) => e);
    expect(err).toMatchObject({ code: "bad_request:bulk" });
    expect((err as AppError).details).toEqual([expect.objectContaining({ index: 2, code: "conflict:queue_full" })]);
    expect(await scheduled(more)).toEqual([]);
    // A range already over, and a viewer, change nothing either.
    await expect(
      bulkSchedule(db(), actors.editor, { ...base, content_item_ids: more, pattern: { ...pattern, start_date: "2031-02-01", end_date: "2031-02-02" } }, now),
    ).rejects.toMatchObject({
      code: "bad_request:pattern",
    });
    await expect(bulkSchedule(db(), actors.viewer, { ...base, content_item_ids: more, pattern }, now)).rejects.toMatchObject({ code: "forbidden" });
    expect((await db().select().from(contentItems).where(eq(contentItems.workspaceId, workspace.id))).length).toBe(9);
  });

  it("in a running trial of posting times, bulk best_times deals the posts to the arms and each arm picks its time", async () => {
    const { workspace, actors } = await makeWorkspace(db());
    const acc = await makeAccount(db(), workspace.id, "linkedin", { name: "Trialled" });
    await wednesdayEvenings(workspace.id, acc);
    const trial = await createTrial(
      db(),
      actors.editor,
      trialCreateSchema.parse({
        name: "Learned vs mornings",
        platform_account_id: acc,
        arms: [
          { name: "Learned", strategy: "learned" },
          { name: "Mornings", strategy: "slots", slots: [{ days: [1, 2, 3, 4, 5], times: ["07:15"] }] },
        ],
        allocation: "alternate",
        metric: "engagement_rate",
        stop_posts_per_arm: 10,
        timezone: ZONE,
      }),
      now,
    );
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await item(workspace.id, `Trial ${i}`));
    const pattern = { type: "best_times" as const, start_date: "2031-03-03", end_date: "2031-03-16", timezone: ZONE };
    const base = bulkOn(acc);
    await bulkSchedule(db(), actors.editor, { ...base, content_item_ids: ids, pattern }, now);
    const rows = await scheduled(ids);
    expect(rows.map((r) => r.trialId)).toEqual(rows.map(() => trial.trial.id));
    const arms = new Map<string, string[]>();
    for (const r of rows) arms.set(r.trialArm!, [...(arms.get(r.trialArm!) ?? []), localOf(r.scheduledTime).slice(11)]);
    expect([...arms.keys()].sort()).toEqual(["a", "b"]);
    expect(arms.get("a")).toHaveLength(2);
    expect(arms.get("b")).toEqual(["07:15", "07:15"]);
  });
});
