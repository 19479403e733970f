import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call, send } from "@/scripts/test/http";
import { makeAccount, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { actionRuntime } from "@/app/_server/action";
import { saveComposerAction } from "@/app/_actions/composer";
import { contentVersions, sandboxPosts, schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { approvalQueue } from "@/lib/approvals/queue";
import * as contentList from "./content/route";
import * as contentOne from "./content/[id]/route";
import * as submit from "./content/[id]/submit/route";
import * as approve from "./content/[id]/approve/route";
import * as approvals from "./approvals/route";
import * as workspace from "./workspace/route";
import * as tokens from "./tokens/route";
import * as schedulesRoute from "./schedules/route";
import * as calendarRoute from "./schedules/calendar/route";
import * as importer from "./import/csv/route";

// The approval rule judges the role each change was made under (session role, token role, or
// "system" for imports), not the author's membership role.
const ref = withTestDatabase();
const db = () => ref.current.db as Db;
type WS = Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let A: WS;
let accountId: string;
const original = { ...actionRuntime };

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  accountId = await makeAccount(db(), A.workspace.id, "sandbox");
  actionRuntime.revalidate = () => undefined;
});
afterAll(() => Object.assign(actionRuntime, original));

async function setPolicy(body: Record<string, unknown>) {
  const r = await call(workspace.PATCH, { method: "PATCH", token: A.tokens.admin, body });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
}
async function newContent(token: string, content = "Spring launch") {
  const r = await call(contentList.POST, { method: "POST", token, body: { title: "Launch", content } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json!.id as string;
}
async function schedule(token: string, id: string) {
  const r = await call(schedulesRoute.POST, {
    method: "POST",
    token,
    body: { content_item_id: id, platform_account_id: accountId, scheduled_time: new Date(Date.now() + 3600_000).toISOString(), timezone: "UTC" },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json!.schedules[0].id as string;
}
/** Makes the schedule due now and runs the real engine once over everything due. */
async function publishDue(scheduleId: string) {
  const past = new Date(Date.now() - 5000);
  await db().update(schedules).set({ scheduledTime: past, originalTime: past }).where(eq(schedules.id, scheduleId));
  await testDispatcher(db()).drain();
  return scheduleRow(db(), scheduleId);
}
const version = async (id: string) => (await call(contentOne.GET, { token: A.tokens.viewer, params: { id } })).json!.version as number;
const post = (h: { POST: never }, token: string, id: string, body: unknown = {}) => call(h.POST as never, { method: "POST", token, params: { id }, body });
async function approvalStateOf(id: string) {
  const q = await call(approvals.GET, { token: A.tokens.admin, path: "/api/v1/approvals?status=all" });
  return q.json!.items.find((i: { content_item_id: string }) => i.content_item_id === id)?.state ?? "draft";
}
async function calendarMarker(scheduleId: string) {
  const day = (await scheduleRow(db(), scheduleId)).scheduledTime.toISOString().slice(0, 10);
  const cal = await call(calendarRoute.GET, { token: A.tokens.viewer, path: `/api/v1/schedules/calendar?start_date=${day}&end_date=${day}&timezone=UTC` });
  return cal.json!.events.find((e: { id: string }) => e.id === scheduleId)?.awaiting_approval as boolean | undefined;
}
/** An API token an admin made with the given role: an automation acting for that admin. */
async function adminMadeToken(role: "editor" | "admin") {
  const r = await call(tokens.POST, { method: "POST", token: A.tokens.admin, body: { name: `automation ${role}`, role } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json!.token as string;
}

describe("the role that acted counts, not the author's membership", () => {
  it("an admin's editor-role token: its content is held, shown as awaiting approval, and publishes only once approved", async () => {
    await setPolicy({ approval_policy: "required_for_editors" });
    const bot = await adminMadeToken("editor");
    const id = await newContent(bot, "Written by an automation");
    // The version records the token's role and the token, acting for the admin who made it.
    expect(await db().select().from(contentVersions).where(eq(contentVersions.contentItemId, id))).toEqual([
      expect.objectContaining({ version: 1, actorRole: "editor", userId: A.actors.admin.userId, tokenId: expect.any(String), change: "content.create" }),
    ]);
    const scheduleId = await schedule(bot, id);
    // Before it is due: the queue and the calendar already say it will wait.
    expect((await approvalQueue(db(), A.actors.viewer)).upcoming.map((i) => i.contentId)).toContain(id);
    expect(await calendarMarker(scheduleId)).toBe(true);
    expect(await publishDue(scheduleId)).toMatchObject({ publishStatus: "paused", errorCode: "awaiting_approval" });
    expect(await db().select().from(sandboxPosts).where(eq(sandboxPosts.text, "Written by an automation"))).toHaveLength(0);
    expect((await approvalQueue(db(), A.actors.viewer)).held.map((i) => i.contentId)).toContain(id);

    expect((await post(submit as never, bot, id)).status).toBe(200);
    const ok = await post(approve as never, A.tokens.admin, id);
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json).toMatchObject({ status: "approved", released_schedules: 1 });
    await testDispatcher(db()).drain();
    expect((await scheduleRow(db(), scheduleId)).publishStatus).toBe("published");
  });

  it("an admin session under the same policy is not held", async () => {
    await setPolicy({ approval_policy: "required_for_editors" });
    actionRuntime.member = async () => ({ db: db(), actor: A.actors.admin as Actor });
    const r = await saveComposerAction({
      content: { title: "Admin note", content: "From the admin's own composer" },
      mode: "schedule",
      platform_account_ids: [accountId],
      schedule: { scheduled_time: new Date(Date.now() + 3600_000).toISOString().slice(0, 16), timezone: "UTC" },
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    const [row] = await db().select().from(schedules).where(eq(schedules.contentItemId, r.data.id));
    expect(await calendarMarker(row!.id)).toBeFalsy();
    expect((await publishDue(row!.id)).publishStatus).toBe("published");
  });

  it("an editor-role token's edit after an admin approved sends it back to review, and the engine holds it", async () => {
    await setPolicy({ approval_policy: "required_for_editors" });
    const bot = await adminMadeToken("editor");
    const id = await newContent(A.tokens.admin, "The admin wrote this");
    const scheduleId = await schedule(A.tokens.admin, id);
    await post(submit as never, A.tokens.admin, id);
    expect((await post(approve as never, A.tokens.admin, id)).status).toBe(200);
    const edit = await call(contentOne.PATCH, {
      method: "PATCH",
      token: bot,
      params: { id },
      body: { content: "The automation rewrote this entirely", version: await version(id) },
    });
    expect(edit.status, JSON.stringify(edit.json)).toBe(200);
    expect(await approvalStateOf(id)).toBe("in_review");
    expect(await publishDue(scheduleId)).toMatchObject({ publishStatus: "paused", errorCode: "awaiting_approval" });
  });

  it("an editor's edit of admin-written approved content is reviewed too; an admin's own edit is not", async () => {
    await setPolicy({ approval_policy: "required_for_editors" });
    const id = await newContent(A.tokens.admin, "Admin text");
    const scheduleId = await schedule(A.tokens.admin, id);
    await post(submit as never, A.tokens.admin, id);
    await post(approve as never, A.tokens.admin, id);
    await call(contentOne.PATCH, {
      method: "PATCH",
      token: A.tokens.admin,
      params: { id },
      body: { content: "Admin text, revised by the admin", version: await version(id) },
    });
    expect(await calendarMarker(scheduleId)).toBeFalsy();
    await call(contentOne.PATCH, {
      method: "PATCH",
      token: A.tokens.editor,
      params: { id },
      body: { content: "An editor changed it", version: await version(id) },
    });
    expect(await approvalStateOf(id)).toBe("in_review");
    expect(await calendarMarker(scheduleId)).toBe(true);
    expect((await publishDue(scheduleId)).publishStatus).toBe("paused");
  });
});

async function importCsv(token: string, csv: string) {
  const req = new NextRequest("http://localhost:3000/api/v1/import/csv", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
    body: csv,
  });
  const res = await send(importer.POST, req, { params: Promise.resolve({}) });
  const body = JSON.parse(await res.text());
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.rows[0].content_item_id as string;
}
const importedSchedule = async (contentId: string) =>
  (
    await db()
      .select()
      .from(schedules)
      .where(and(eq(schedules.contentItemId, contentId)))
  )[0]!.id;

describe("system changes (CSV import)", () => {
  const csv = (title: string) => `title,content,platforms,date,time,timezone\n${title},Imported text,sandbox,2031-05-01,09:30,UTC\n`;

  it("under required_for_all, imported content is held until approved", async () => {
    await setPolicy({ approval_policy: "required_for_all" });
    const id = await importCsv(A.tokens.admin, csv("Imported all"));
    const scheduleId = await importedSchedule(id);
    expect(await publishDue(scheduleId)).toMatchObject({ publishStatus: "paused", errorCode: "awaiting_approval" });
  });

  it("under required_for_editors, content an admin imported is held too: nobody with approval rights read it", async () => {
    await setPolicy({ approval_policy: "required_for_editors" });
    const id = await importCsv(A.tokens.admin, csv("Imported by admin"));
    expect(await db().select().from(contentVersions).where(eq(contentVersions.contentItemId, id))).toEqual([
      expect.objectContaining({ version: 1, actorRole: "system", userId: A.actors.admin.userId }),
    ]);
    const scheduleId = await importedSchedule(id);
    expect(await calendarMarker(scheduleId)).toBe(true);
    expect(await publishDue(scheduleId)).toMatchObject({ publishStatus: "paused", errorCode: "awaiting_approval" });
    // Reading and approving it is what lets it go.
    await post(submit as never, A.tokens.admin, id);
    expect((await post(approve as never, A.tokens.admin, id)).json).toMatchObject({ status: "approved", released_schedules: 1 });
    await testDispatcher(db()).drain();
    expect((await scheduleRow(db(), scheduleId)).publishStatus).toBe("published");
  });
});
