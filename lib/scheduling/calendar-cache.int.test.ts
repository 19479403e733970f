import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { contentItems, platformAccounts, scheduleExceptions, schedules, workspaces } from "@/db/schema";
import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { calendar, calendarJson } from "./calendar";

// The calendar keeps rendered answers by a digest of what it read. Each change below touches one
// input the answer shows; an answer served from the cache after it would still show the old value.
const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let admin: Actor;
let editor: Actor;
let wsId: string;
let accountId: string;
let itemId: string;
let scheduleId: string;
const q = { start_date: "2031-05-01", end_date: "2031-05-31", timezone: "Europe/Berlin" };

type Answer = Awaited<ReturnType<typeof calendar>>;
const read = async (actor = admin): Promise<Answer> => JSON.parse((await calendarJson(db(), actor, q)).text);
const eventOf = (a: Answer) => a.events.find((e) => e.id === scheduleId)!;

beforeAll(async () => {
  const ws = await makeWorkspace(db(), ["admin", "editor"]);
  admin = ws.actors.admin;
  editor = ws.actors.editor;
  wsId = ws.workspace.id;
  const [account] = await db()
    .insert(platformAccounts)
    .values({ workspaceId: wsId, platform: "sandbox", name: "Main", config: { min_gap_minutes: 60 } })
    .returning();
  accountId = account!.id;
  const [item, other] = await db()
    .insert(contentItems)
    .values([
      { workspaceId: wsId, title: "First title", content: "Body", authorId: ws.actors.editor.userId },
      { workspaceId: wsId, title: "Neighbour", content: "Other body", authorId: ws.actors.admin.userId },
    ])
    .returning();
  itemId = item!.id;
  const at = new Date("2031-05-10T08:00:00Z");
  const [s] = await db()
    .insert(schedules)
    .values([
      {
        workspaceId: wsId,
        contentItemId: itemId,
        platformAccountId: accountId,
        platformId: "sandbox",
        scheduledTime: at,
        originalTime: at,
        localTime: "2031-05-10T10:00",
      },
      {
        workspaceId: wsId,
        contentItemId: other!.id,
        platformAccountId: accountId,
        platformId: "sandbox",
        scheduledTime: new Date("2031-05-12T08:00:00Z"),
        originalTime: new Date("2031-05-12T08:00:00Z"),
        localTime: "2031-05-12T10:00",
      },
    ])
    .returning();
  scheduleId = s!.id;
});

describe("calendar's rendered answers", () => {
  it("are served again for the same inputs, and the JSON is the answer's", async () => {
    const first = await calendarJson(db(), admin, q);
    expect(await calendarJson(db(), admin, q)).toBe(first);
    expect(JSON.parse(first.text)).toEqual(JSON.parse(JSON.stringify(await calendar(db(), admin, q))));
    expect(eventOf(JSON.parse(first.text)).title).toBe("First title");
  });

  it("follow every change the answer shows", async () => {
    await read();
    await db()
      .update(contentItems)
      .set({ title: "Second title", tags: ["launch"] })
      .where(eq(contentItems.id, itemId));
    expect(eventOf(await read())).toMatchObject({ title: "Second title", tags: ["launch"] });

    await db().update(platformAccounts).set({ name: "Renamed" }).where(eq(platformAccounts.id, accountId));
    expect(eventOf(await read()).account_name).toBe("Renamed");

    await db().update(platformAccounts).set({ status: "needs_reconnect" }).where(eq(platformAccounts.id, accountId));
    expect(eventOf(await read())).toMatchObject({ account_status: "needs_reconnect", account_broken: true });

    const moved = new Date("2031-05-12T08:30:00Z");
    await db().update(schedules).set({ scheduledTime: moved, version: 2 }).where(eq(schedules.id, scheduleId));
    const afterMove = await read();
    expect(eventOf(afterMove)).toMatchObject({ start: "2031-05-12T10:30:00+02:00", version: 2 });
    // Now 30 minutes from its neighbour on an account with a 60-minute gap.
    expect(afterMove.conflicts.some((c) => c.type === "min_gap" && c.schedule_ids.includes(scheduleId))).toBe(true);

    await db()
      .update(platformAccounts)
      .set({ config: { min_gap_minutes: 10 } })
      .where(eq(platformAccounts.id, accountId));
    expect((await read()).conflicts.some((c) => c.type === "min_gap")).toBe(false);

    await db()
      .insert(scheduleExceptions)
      .values({
        workspaceId: wsId,
        platformAccountId: null,
        startsAt: new Date("2031-05-12T08:00:00Z"),
        endsAt: new Date("2031-05-12T09:00:00Z"),
        reason: "Offsite",
      });
    expect((await read()).conflicts.some((c) => c.type === "blackout" && c.schedule_ids.includes(scheduleId))).toBe(true);

    // The editor's post waits for approval once the workspace asks for it.
    expect(eventOf(await read()).awaiting_approval).toBe(false);
    await db().update(workspaces).set({ approvalPolicy: "required_for_editors" }).where(eq(workspaces.id, wsId));
    expect(eventOf(await read()).awaiting_approval).toBe(true);

    await db().update(schedules).set({ publishStatus: "published" }).where(eq(schedules.id, scheduleId));
    expect(eventOf(await read())).toMatchObject({ publish_status: "published", editable: false, awaiting_approval: false });

    await db().delete(schedules).where(eq(schedules.id, scheduleId));
    expect((await read()).events.some((e) => e.id === scheduleId)).toBe(false);
  });

  it("answer each person in the zone they ask for", async () => {
    const berlin = await read(editor);
    const tokyo = JSON.parse((await calendarJson(db(), editor, { ...q, timezone: "Asia/Tokyo" })).text) as Answer;
    expect(berlin.timezone).toBe("Europe/Berlin");
    expect(tokyo.timezone).toBe("Asia/Tokyo");
    expect(tokyo.events[0]!.start.endsWith("+09:00")).toBe(true);
  });
});
