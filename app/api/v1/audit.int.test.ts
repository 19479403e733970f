import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { auditLog } from "@/db/schema";
import { parseCsvText } from "@/lib/csv";
import * as audit from "./audit/route";
import * as exported from "./audit/export/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
  const row = (ws: string, user: string | null, action: string, entityType: string, at: string, before: unknown, after: unknown) => ({
    workspaceId: ws,
    actorUserId: user,
    action,
    entityType,
    entityId: "e1",
    createdAt: new Date(at),
    before,
    after,
  });
  await ref.current.db
    .insert(auditLog)
    .values([
      row(A.workspace.id, A.actors.editor.userId, "template.create", "template", "2030-01-10T10:00:00Z", null, { name: "Launch", body: "=1+1" }),
      row(
        A.workspace.id,
        A.actors.editor.userId,
        "template.update",
        "template",
        "2030-01-11T10:00:00Z",
        { name: "Launch", body: "a" },
        { name: "Launch", body: "b" },
      ),
      row(A.workspace.id, A.actors.admin.userId, "member.role", "member", "2030-01-11T23:30:00Z", { role: "viewer" }, { role: "editor" }),
      row(A.workspace.id, A.actors.admin.userId, "template.delete", "template", "2030-01-12T10:00:00Z", { name: "Launch" }, null),
      row(B.workspace.id, B.actors.admin.userId, "template.create", "template", "2030-01-10T10:00:00Z", null, { name: "Other workspace" }),
    ]);
});

describe("the audit log", () => {
  it("is for admins only (session roles and API tokens alike)", async () => {
    expect((await call(audit.GET, { token: A.tokens.admin })).status).toBe(200);
    for (const token of [A.tokens.editor, A.tokens.viewer]) {
      expect((await call(audit.GET, { token })).status).toBe(403);
      expect((await call(exported.GET, { token })).status).toBe(403);
    }
    expect((await call(audit.GET, {})).status).toBe(401);
  });

  it("filters by user, action, entity type and date range, newest first, paged, within the workspace", async () => {
    const get = async (q: string) => (await call(audit.GET, { token: A.tokens.admin, path: `/api/v1/audit?${q}` })).json!;
    const all = await get("date_from=2030-01-01");
    expect(all.total).toBe(4);
    expect(all.items.map((i: { action: string }) => i.action)).toEqual(["template.delete", "member.role", "template.update", "template.create"]);
    expect(all.items[2]).toMatchObject({ user: { id: A.actors.editor.userId }, changes: [{ field: "body", before: "a", after: "b" }] });
    expect((await get(`user_id=${A.actors.editor.userId}`)).total).toBe(2);
    expect((await get("action=template.update")).items).toHaveLength(1);
    expect((await get("entity_type=member")).items[0].changes).toEqual([{ field: "role", before: "viewer", after: "editor" }]);
    expect((await get("date_from=2030-01-11&date_to=2030-01-11")).total).toBe(2);
    // A bare date is the whole day in the given zone: 23:30 UTC on the 11th is the 12th in Berlin.
    expect((await get("date_from=2030-01-11&date_to=2030-01-11&timezone=Europe/Berlin")).items.map((i: { action: string }) => i.action)).toEqual([
      "template.update",
    ]);
    const page2 = await get("date_from=2030-01-01&limit=3&page=2");
    expect(page2).toMatchObject({ total: 4, page: 2 });
    expect(page2.items.map((i: { action: string }) => i.action)).toEqual(["template.create"]);
  });

  it("refuses bad filters", async () => {
    for (const q of [
      "user_id=nope",
      "date_from=yesterday",
      "date_from=2030-01-12&date_to=2030-01-10",
      "timezone=Mars/Base&date_from=2030-01-01",
      "colour=red",
    ]) {
      expect((await call(audit.GET, { token: A.tokens.admin, path: `/api/v1/audit?${q}` })).status).toBe(400);
    }
  });

  it("exports the filtered rows as spreadsheet-safe CSV", async () => {
    const r = await call(exported.GET, { token: A.tokens.admin, path: "/api/v1/audit/export?entity_type=template&action=template.create" });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/csv/);
    const records = parseCsvText(r.text).map((x) => x.record);
    expect(records[0]).toEqual(["time_utc", "user", "email", "api_token_id", "action", "entity_type", "entity_id", "changes", "before", "after", "ip"]);
    expect(records).toHaveLength(2);
    const [row] = records.slice(1);
    expect(row![1]).toMatch(/^editor /);
    expect(row![2]).toBe(A.actors.editor.email);
    expect(row![4]).toBe("template.create");
    expect(row![7]!.split("\n").sort()).toEqual(["body: ∅ → =1+1", "name: ∅ → Launch"]);
    expect(JSON.parse(row![9]!)).toEqual({ name: "Launch", body: "=1+1" });
    expect((await call(exported.GET, { token: A.tokens.admin, path: "/api/v1/audit/export?date_from=2030-01-12&date_to=2030-01-10" })).status).toBe(400);
  });

  it("answers a filter the database refuses with an error body, not a download that breaks off (found by the fuzz suite)", async () => {
    // A NUL is text Postgres cannot hold: the first read fails, before any byte of the file went out.
    const r = await call(exported.GET, { token: A.tokens.admin, path: "/api/v1/audit/export?action=%00" });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.json!.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
