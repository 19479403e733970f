import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { makeAccount, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { rowsOf, type Db } from "@/db/client";
import { schedules } from "@/db/schema";
import { openApiDocument } from "@/lib/openapi/document";
import * as content from "./content/route";
import * as list from "./schedules/route";
import * as one from "./schedules/[id]/route";
import * as resume from "./schedules/[id]/resume/route";
import * as clone from "./schedules/[id]/clone/route";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let account = "";

const future = (days: number) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T09:00`;

async function scheduleWith(body: Record<string, unknown>) {
  const item = await call(content.POST, {
    method: "POST",
    token: A.tokens.editor,
    body: { title: "Ask me", content: `Missed? Ask first ${crypto.randomUUID().slice(0, 6)}` },
  });
  expect(item.status).toBe(201);
  return call(list.POST, {
    method: "POST",
    token: A.tokens.editor,
    body: { content_item_id: item.json!.id, platform_account_id: account, scheduled_time: future(3), timezone: "UTC", ...body },
  });
}

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  account = await makeAccount(db(), A.workspace.id, "sandbox");
});

describe('missed_policy "ask" through the API', () => {
  it("is accepted on create, patch and clone, and stored", async () => {
    const made = await scheduleWith({ missed_policy: "ask" });
    expect(made.status).toBe(201);
    const s = made.json!.schedules[0];
    expect((await call(one.GET, { token: A.tokens.viewer, params: { id: s.id } })).json).toMatchObject({ missed_policy: "ask" });
    const [row] = await db().select({ missedPolicy: schedules.missedPolicy }).from(schedules).where(eq(schedules.id, s.id));
    expect(row!.missedPolicy).toBe("ask");
    // A copy keeps the policy it was given (it used to be turned into publish_late).
    const copy = await call(clone.POST, { method: "POST", token: A.tokens.editor, params: { id: s.id }, body: { scheduled_time: future(4) } });
    expect(copy.status).toBe(201);
    const copyId = (copy.json!.schedules?.[0] ?? copy.json!).id as string;
    expect((await call(one.GET, { token: A.tokens.viewer, params: { id: copyId } })).json).toMatchObject({ missed_policy: "ask" });

    const other = (await scheduleWith({ missed_policy: "skip" })).json!.schedules[0];
    const patched = await call(one.PATCH, {
      method: "PATCH",
      token: A.tokens.editor,
      params: { id: other.id },
      body: { missed_policy: "ask", version: other.version },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ missed_policy: "ask" });
  });

  it("refuses an unknown policy with a 400 naming the three, and stores nothing", async () => {
    const before = rowsOf<{ n: number }>(await db().execute(sql`SELECT count(*)::int AS n FROM schedules WHERE workspace_id = ${A.workspace.id}`))[0]!.n;
    const bad = await scheduleWith({ missed_policy: "later" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toMatch(/publish_late, skip or ask/);
    const after = rowsOf<{ n: number }>(await db().execute(sql`SELECT count(*)::int AS n FROM schedules WHERE workspace_id = ${A.workspace.id}`))[0]!.n;
    expect(after).toBe(before);
  });

  it("is in the OpenAPI document for requests and answers", () => {
    const doc = JSON.stringify(openApiDocument("http://localhost"));
    const enums = [...doc.matchAll(/"missed_policy":\{[^}]*"enum":(\[[^\]]*\])/g)].map((m) => JSON.parse(m[1]!) as string[]);
    expect(enums.length).toBeGreaterThan(1);
    for (const e of enums) expect(e).toEqual(["publish_late", "skip", "ask"]);
  });

  it("engine: a missed ask schedule is paused until someone decides; resuming publishes it now", async () => {
    const s = (await scheduleWith({ missed_policy: "ask" })).json!.schedules[0];
    // The server was down through the post's time: three hours ago, well past the grace period.
    await db()
      .update(schedules)
      .set({ scheduledTime: sql`now() - interval '3 hours'`, originalTime: sql`now() - interval '3 hours'` })
      .where(eq(schedules.id, s.id));
    const t = testDispatcher(db());
    await t.drain();
    const held = await scheduleRow(db(), s.id);
    expect(held).toMatchObject({ publishStatus: "paused", errorCode: "missed_ask", errorMessage: expect.stringMatching(/paused until someone decides/) });
    expect((held!.metadata as { missed: { outcome: string } }).missed.outcome).toBe("asked");
    expect(t.results).toHaveLength(0); // nothing was sent
    const events = rowsOf<{ data: { outcome: string } }>(
      await db().execute(sql`SELECT data FROM publishing_events WHERE type = 'schedule_missed' AND data->>'schedule_id' = ${s.id}`),
    );
    expect(events.map((e) => e.data.outcome)).toEqual(["asked"]);
    // A later sweep leaves the decision alone.
    await t.drain();
    expect((await scheduleRow(db(), s.id))!.publishStatus).toBe("paused");

    const r = await call(resume.POST, { method: "POST", token: A.tokens.editor, params: { id: s.id } });
    expect(r.status).toBe(200);
    await t.drain();
    const [done] = await db()
      .select()
      .from(schedules)
      .where(and(eq(schedules.id, s.id), eq(schedules.workspaceId, A.workspace.id)));
    expect(done!.publishStatus).toBe("published");
  });
});
