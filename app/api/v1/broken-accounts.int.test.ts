import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call, send } from "@/scripts/test/http";
import { actionRuntime } from "@/app/_server/action";
import { platformAccounts, schedules } from "@/db/schema";
import { saveComposerAction } from "@/app/_actions/composer";
import { brokenAccounts } from "@/lib/accounts/broken";
import { calendar } from "@/lib/scheduling/calendar";
import * as list from "./schedules/route";
import * as clone from "./schedules/[id]/clone/route";
import * as bulk from "./schedules/bulk/route";
import * as queue from "./content/[id]/queue/route";
import * as importer from "./import/csv/route";
import * as contentRoute from "./content/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let good: string;
let reconnect: string;
let failing: string;
const original = { ...actionRuntime };

const scheduleCount = async () =>
  (await ref.current.db.select({ n: sql<number>`count(*)::int` }).from(schedules).where(eq(schedules.workspaceId, A.workspace.id)))[0]!.n;
const newContent = async (title: string) =>
  (await call(contentRoute.POST, { method: "POST", token: A.tokens.editor, body: { title, content: `${title} body` } })).json!.id as string;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  const rows = await ref.current.db
    .insert(platformAccounts)
    .values([
      { workspaceId: A.workspace.id, platform: "sandbox", name: "Fine" },
      {
        workspaceId: A.workspace.id,
        platform: "sandbox",
        name: "Lapsed",
        status: "needs_reconnect",
        statusReason: "the token was revoked",
        postingSlots: { timezone: "UTC", slots: [{ days: [1, 2, 3, 4, 5], times: ["09:00"] }] },
      },
      { workspaceId: A.workspace.id, platform: "sandbox", name: "Erroring", status: "error", statusReason: "the server did not answer" },
    ])
    .returning();
  [good, reconnect, failing] = rows.map((r) => r.id) as [string, string, string];
  actionRuntime.revalidate = () => {};
});
afterAll(() => Object.assign(actionRuntime, original));

describe("an account that needs reconnecting or is in error takes no new posts", () => {
  it("POST /schedules is refused with 409, naming the account and its state, and creates nothing", async () => {
    const item = await newContent("Refused");
    const before = await scheduleCount();
    for (const [id, name, state] of [
      [reconnect, "Lapsed", /needs reconnecting \(the token was revoked\)/],
      [failing, "Erroring", /is in error \(the server did not answer\)/],
    ] as const) {
      const r = await call(list.POST, {
        method: "POST",
        token: A.tokens.editor,
        body: { content_item_id: item, platform_account_ids: [good, id], scheduled_time: "2031-04-01T09:00", timezone: "UTC" },
      });
      expect(r.status).toBe(409);
      expect(r.json!.error.code).toBe("conflict:account_unavailable");
      expect(r.json!.error.message).toContain(`“${name}”`);
      expect(r.json!.error.message).toMatch(state);
      expect(r.json!.error.details).toEqual([
        expect.objectContaining({ platform_account_id: id, name, status: id === reconnect ? "needs_reconnect" : "error" }),
      ]);
    }
    expect(await scheduleCount()).toBe(before);
    // The same request on the working account alone goes through.
    expect(
      (
        await call(list.POST, {
          method: "POST",
          token: A.tokens.editor,
          body: { content_item_id: item, platform_account_ids: [good], scheduled_time: "2031-04-01T09:00", timezone: "UTC" },
        })
      ).status,
    ).toBe(201);
  });

  it("a clone onto a broken account is refused; a clone on a working one is not", async () => {
    const item = await newContent("Clone me");
    const made = await call(list.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: item, platform_account_id: good, scheduled_time: "2031-04-02T09:00", timezone: "UTC" },
    });
    const id = made.json!.schedules[0].id;
    const before = await scheduleCount();
    const refused = await call(clone.POST, {
      method: "POST",
      token: A.tokens.editor,
      params: { id },
      body: { platform_account_id: reconnect, scheduled_time: "2031-04-03T09:00" },
    });
    expect(refused.status).toBe(409);
    expect(refused.json!.error).toMatchObject({ code: "conflict:account_unavailable", message: expect.stringContaining("“Lapsed” needs reconnecting") });
    expect(await scheduleCount()).toBe(before);
    expect((await call(clone.POST, { method: "POST", token: A.tokens.editor, params: { id }, body: { scheduled_time: "2031-04-03T09:00" } })).status).toBe(201);
  });

  it("bulk scheduling lists the refusal for every item and schedules nothing", async () => {
    const items = [await newContent("Bulk 1"), await newContent("Bulk 2")];
    const before = await scheduleCount();
    const r = await call(bulk.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: {
        content_item_ids: items,
        platform_account_ids: [failing],
        pattern: { type: "daily", start_date: "2031-05-01", end_date: "2031-05-10", times: ["10:00"], timezone: "UTC" },
      },
    });
    expect(r.status).toBe(400);
    expect(r.json!.error.code).toBe("bad_request:bulk");
    expect(r.json!.error.details).toHaveLength(2);
    for (const d of r.json!.error.details)
      expect(d).toMatchObject({ code: "conflict:account_unavailable", message: expect.stringContaining("“Erroring” is in error") });
    expect(await scheduleCount()).toBe(before);
  });

  it("a CSV row naming a broken account is an error row with the reason; nothing is imported", async () => {
    const before = await scheduleCount();
    const csv = `title,content,accounts,date,time,timezone\nGood row,Fine,Fine,2031-06-01,09:00,UTC\nBad row,Lapsed,Lapsed,2031-06-01,10:00,UTC\n`;
    const req = new NextRequest("http://localhost:3000/api/v1/import/csv", {
      method: "POST",
      headers: { authorization: `Bearer ${A.tokens.editor}`, "content-type": "text/csv" },
      body: csv,
    });
    const res = await send(importer.POST, req, { params: Promise.resolve({}) });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.error.details.error_rows).toBe(1);
    const dry = await send(
      importer.POST,
      new NextRequest("http://localhost:3000/api/v1/import/csv?dry_run=true", {
        method: "POST",
        headers: { authorization: `Bearer ${A.tokens.editor}`, "content-type": "text/csv" },
        body: csv,
      }),
      { params: Promise.resolve({}) },
    );
    const rows = (await dry.json()).rows;
    expect(rows[0]).toMatchObject({ line: 2, status: "ok" });
    expect(rows[1]).toMatchObject({ line: 3, status: "error" });
    expect(rows[1].errors.map((e: { message: string }) => e.message).join(" ")).toMatch(/“Lapsed” needs reconnecting/);
    expect(await scheduleCount()).toBe(before);
  });

  it("the composer's Schedule and the queue refuse it too; the queue without accounts passes it over", async () => {
    actionRuntime.member = async () => ({ db: ref.current.db, actor: A.actors.editor });
    const before = await scheduleCount();
    const r = await saveComposerAction({
      content: { title: "From the composer", content: "Hello", content_type: "post", tags: [], media_ids: [] },
      variants: {},
      mode: "schedule",
      platform_account_ids: [reconnect],
      schedule: { scheduled_time: "2031-07-01T09:00", timezone: "UTC" },
    });
    expect(r).toMatchObject({ ok: false, error: { code: "conflict:account_unavailable", message: expect.stringContaining("“Lapsed” needs reconnecting") } });
    expect(await scheduleCount()).toBe(before);
    const item = await newContent("Queued");
    const named = await call(queue.POST, { method: "POST", token: A.tokens.editor, params: { id: item }, body: { platform_account_ids: [reconnect] } });
    expect(named.status).toBe(409);
    expect(named.json!.error.code).toBe("conflict:account_unavailable");
    // Only the broken account has queue times: with none named, there is no account to queue on.
    const unnamed = await call(queue.POST, { method: "POST", token: A.tokens.editor, params: { id: item }, body: {} });
    expect(unnamed.json!.error.code).toBe("conflict:no_slots");
    expect(await scheduleCount()).toBe(before);
  });

  it("posts already on an account that breaks are flagged on the calendar and listed for the overview", async () => {
    const item = await newContent("Was fine");
    const made = await call(list.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: item, platform_account_id: good, scheduled_time: "2031-08-01T09:00", timezone: "UTC" },
    });
    expect(made.status).toBe(201);
    const before = await calendar(ref.current.db, A.actors.viewer, { start_date: "2031-08-01", end_date: "2031-08-01", timezone: "UTC" });
    expect(before.events.find((e) => e.content_item_id === item)).toMatchObject({ account_status: "active", account_broken: false });
    expect((await brokenAccounts(ref.current.db, A.actors.viewer)).find((a) => a.id === good)).toBeUndefined();
    await ref.current.db.update(platformAccounts).set({ status: "needs_reconnect", statusReason: "refused" }).where(eq(platformAccounts.id, good));
    try {
      const after = await calendar(ref.current.db, A.actors.viewer, { start_date: "2031-08-01", end_date: "2031-08-01", timezone: "UTC" });
      expect(after.events.find((e) => e.content_item_id === item)).toMatchObject({ account_status: "needs_reconnect", account_broken: true });
      const listed = await brokenAccounts(ref.current.db, A.actors.viewer);
      expect(listed.map((a) => a.name).sort()).toEqual(["Erroring", "Fine", "Lapsed"]);
      expect(listed.find((a) => a.id === good)!.open).toBeGreaterThanOrEqual(1);
      expect(listed.find((a) => a.id === failing)!.open).toBe(0);
    } finally {
      await ref.current.db.update(platformAccounts).set({ status: "active", statusReason: null }).where(eq(platformAccounts.id, good));
    }
  });
});
