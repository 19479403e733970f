import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { contentItems, platformAccounts, schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import { calendarRows, calendarStamp, type ScheduleFilter } from "./schedules";

// The calendar serves an answer again only while the window's stamp is unchanged: every change to
// a row it shows must change the stamp, and nothing outside the window may.
const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const window: ScheduleFilter = { from: new Date("2031-03-01T00:00:00Z"), to: new Date("2031-04-01T00:00:00Z") };
let wsId: string;
let otherWsId: string;
let accountId: string;
let otherAccountId: string;
let itemId: string;
let otherItemId: string;

const stamp = () => calendarStamp(db(), wsId, window);
const schedule = (ws: string, account: string, item: string, at: string) => ({
  workspaceId: ws,
  contentItemId: item,
  platformAccountId: account,
  platformId: "sandbox",
  scheduledTime: new Date(at),
  originalTime: new Date(at),
  localTime: at.slice(0, 16),
});

beforeAll(async () => {
  const [a, b] = [await makeWorkspace(db(), ["admin"]), await makeWorkspace(db(), ["admin"])];
  wsId = a.workspace.id;
  otherWsId = b.workspace.id;
  const accounts = await db()
    .insert(platformAccounts)
    .values([
      { workspaceId: wsId, platform: "sandbox", name: "Main" },
      { workspaceId: otherWsId, platform: "sandbox", name: "Other" },
    ])
    .returning();
  [accountId, otherAccountId] = [accounts[0]!.id, accounts[1]!.id];
  const items = await db()
    .insert(contentItems)
    .values([
      { workspaceId: wsId, title: "Post", content: "Body", authorId: a.actors.admin.userId },
      { workspaceId: otherWsId, title: "Elsewhere", content: "Body", authorId: b.actors.admin.userId },
    ])
    .returning();
  [itemId, otherItemId] = [items[0]!.id, items[1]!.id];
});

describe("calendarStamp", () => {
  it("is the stamp the rows were read with, and changes with every change in the window only", async () => {
    expect(await stamp()).toBe("0:0");
    expect((await calendarRows(db(), wsId, window)).stamp).toBe("0:0");

    const [s] = await db()
      .insert(schedules)
      .values(schedule(wsId, accountId, itemId, "2031-03-10T09:00:00Z"))
      .returning();
    const seen = new Set<string>(["0:0"]);
    const changed = async () => {
      const now = await stamp();
      expect(seen.has(now)).toBe(false);
      expect((await calendarRows(db(), wsId, window)).stamp).toBe(now);
      seen.add(now);
      return now;
    };
    let last = await changed();

    // Outside the window, and in another workspace: no change.
    await db()
      .insert(schedules)
      .values(schedule(wsId, accountId, itemId, "2031-04-02T09:00:00Z"));
    await db()
      .insert(schedules)
      .values(schedule(otherWsId, otherAccountId, otherItemId, "2031-03-10T09:00:00Z"));
    await db().update(contentItems).set({ title: "Renamed elsewhere" }).where(eq(contentItems.id, otherItemId));
    expect(await stamp()).toBe(last);

    // Any column of the row, even one written with the value it had.
    await db().update(schedules).set({ publishStatus: "paused" }).where(eq(schedules.id, s!.id));
    last = await changed();
    await db().update(schedules).set({ publishStatus: "paused" }).where(eq(schedules.id, s!.id));
    last = await changed();
    // The item it shows.
    await db().update(contentItems).set({ title: "New title" }).where(eq(contentItems.id, itemId));
    last = await changed();
    await db()
      .update(contentItems)
      .set({ tags: ["launch"] })
      .where(eq(contentItems.id, itemId));
    last = await changed();
    // Moved out of the window and back in: a new version of the row, so a new stamp.
    await db()
      .update(schedules)
      .set({ scheduledTime: new Date("2031-04-05T09:00:00Z") })
      .where(eq(schedules.id, s!.id));
    expect(await stamp()).toBe("0:0");
    await db()
      .update(schedules)
      .set({ scheduledTime: new Date("2031-03-12T09:00:00Z") })
      .where(eq(schedules.id, s!.id));
    last = await changed();
    // Filters narrow what the stamp covers.
    expect(await calendarStamp(db(), wsId, { ...window, statuses: ["pending"] })).toBe("0:0");
    expect(await calendarStamp(db(), wsId, { ...window, statuses: ["paused"] })).toBe(last);
    // Gone.
    await db().delete(schedules).where(eq(schedules.id, s!.id));
    expect(await stamp()).toBe("0:0");
  });
});
