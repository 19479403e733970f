import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { auditLog, templateVersions } from "@/db/schema";
import * as list from "./templates/route";
import * as one from "./templates/[id]/route";
import * as versions from "./templates/[id]/versions/route";
import * as restore from "./templates/[id]/versions/[n]/restore/route";
import * as groups from "./hashtag-groups/route";
import * as group from "./hashtag-groups/[id]/route";
import * as sigs from "./signatures/route";
import * as sig from "./signatures/[id]/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
});

const audits = (entityId: string) => ref.current.db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id);

describe("templates", () => {
  it("keep a version per save, list them, and restore one as a new version", async () => {
    const made = await call(list.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { name: "Launch", body: "{{title}}: {{product}} {{link}}", default_platforms: ["x"], default_tags: ["launch"] },
    });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ name: "Launch", variables: ["product"], default_platforms: ["x"], default_tags: ["launch"], version: 1 });
    const id = made.json!.id as string;

    const edited = await call(one.PATCH, {
      method: "PATCH",
      token: A.tokens.editor,
      params: { id },
      body: { body: "New {{product}} on {{date}} by {{team}}", version: 1 },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ version: 2, variables: ["product", "team"] });
    // A stale edit (from version 1) is refused and changes nothing.
    const stale = await call(one.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id }, body: { name: "Other", version: 1 } });
    expect(stale.status).toBe(409);
    // Saving the same content again is not a new version.
    expect(
      (await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { body: "New {{product}} on {{date}} by {{team}}" } })).json!
        .version,
    ).toBe(2);

    const v = await call(versions.GET, { token: A.tokens.viewer, params: { id } });
    expect(v.json!.items.map((x: { version: number }) => x.version)).toEqual([2, 1]);
    expect(v.json!.items[1]).toMatchObject({ body: "{{title}}: {{product}} {{link}}", created_by: A.actors.editor.userId });

    const back = await call(restore.POST, { method: "POST", token: A.tokens.editor, params: { id, n: "1" } });
    expect(back.status).toBe(200);
    expect(back.json).toMatchObject({ version: 3, body: "{{title}}: {{product}} {{link}}", variables: ["product"] });
    expect((await ref.current.db.select().from(templateVersions).where(eq(templateVersions.templateId, id))).map((r) => r.version).sort()).toEqual([1, 2, 3]);
    expect((await call(restore.POST, { method: "POST", token: A.tokens.editor, params: { id, n: "9" } })).status).toBe(404);
    expect((await call(restore.POST, { method: "POST", token: A.tokens.editor, params: { id, n: "x" } })).status).toBe(404);

    const rows = await audits(id);
    expect(rows.map((r) => r.action)).toEqual(["template.create", "template.update", "template.restore"]);
    expect(rows[2]).toMatchObject({
      actorUserId: A.actors.editor.userId,
      before: expect.objectContaining({ version: 2 }),
      after: expect.objectContaining({ version: 3, restored_from: 1 }),
    });
  });

  it("refuse bad input with a clear message and change nothing", async () => {
    const before = (await call(list.GET, { token: A.tokens.viewer })).json!.items.length;
    const cases: [unknown, RegExp][] = [
      [{ name: "", body: "x" }, /name is required/],
      [{ name: "Bad", body: "Hi {{ }}" }, /empty placeholder/],
      [{ name: "Bad", body: "Hi {{title" }, /never closed/],
      [{ name: "Bad", body: "Hi", default_platforms: ["myspace"] }, /platform must be one of/],
      [{ name: "Bad", body: "Hi", extra: 1 }, /extra/],
    ];
    for (const [body, message] of cases) {
      const r = await call(list.POST, { method: "POST", token: A.tokens.editor, body });
      expect(r.status).toBe(400);
      expect(r.json!.error.message).toMatch(message);
    }
    const dup = await call(list.POST, { method: "POST", token: A.tokens.editor, body: { name: "launch", body: "x" } });
    expect(dup.status).toBe(409);
    expect((await call(list.GET, { token: A.tokens.viewer })).json!.items).toHaveLength(before);
  });

  it("follow the role matrix and stay inside their workspace", async () => {
    const id = (await call(list.POST, { method: "POST", token: A.tokens.admin, body: { name: "Matrix", body: "x" } })).json!.id as string;
    for (const token of [A.tokens.admin, A.tokens.editor, A.tokens.viewer]) {
      expect((await call(list.GET, { token })).status).toBe(200);
      expect((await call(one.GET, { token, params: { id } })).status).toBe(200);
      expect((await call(versions.GET, { token, params: { id } })).status).toBe(200);
    }
    for (const run of [
      () => call(list.POST, { method: "POST", token: A.tokens.viewer, body: { name: "V", body: "x" } }),
      () => call(one.PATCH, { method: "PATCH", token: A.tokens.viewer, params: { id }, body: { body: "y" } }),
      () => call(restore.POST, { method: "POST", token: A.tokens.viewer, params: { id, n: "1" } }),
      () => call(one.DELETE, { method: "DELETE", token: A.tokens.viewer, params: { id } }),
    ])
      expect((await run()).status).toBe(403);
    expect((await call(list.GET, {})).status).toBe(401);
    expect((await call(one.GET, { token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(one.PATCH, { method: "PATCH", token: B.tokens.admin, params: { id }, body: { body: "y" } })).status).toBe(404);
    expect((await call(restore.POST, { method: "POST", token: B.tokens.admin, params: { id, n: "1" } })).status).toBe(404);
    expect((await call(one.DELETE, { method: "DELETE", token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(one.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id } })).status).toBe(204);
    expect((await call(one.GET, { token: A.tokens.admin, params: { id } })).status).toBe(404);
    expect((await audits(id)).map((r) => r.action)).toEqual(["template.create", "template.delete"]);
  });
});

describe("hashtag groups", () => {
  it("normalise hashtags, follow the role matrix and write audit rows", async () => {
    const made = await call(groups.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { name: "Launch tags", hashtags: ["launch", "#News", "# news", "#launch"], platforms: ["x", "mastodon"] },
    });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ hashtags: ["#launch", "#news"], platforms: ["x", "mastodon"] });
    const id = made.json!.id as string;
    const bad = await call(groups.POST, { method: "POST", token: A.tokens.editor, body: { name: "Bad", hashtags: ["two words"] } });
    expect(bad.status).toBe(400);
    expect(bad.json!.error.message).toMatch(/one word/);
    expect((await call(groups.POST, { method: "POST", token: A.tokens.editor, body: { name: "Empty", hashtags: [] } })).status).toBe(400);
    expect((await call(group.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { platforms: [] } })).json!.platforms).toEqual([]);
    expect((await call(groups.GET, { token: A.tokens.viewer })).json!.items).toHaveLength(1);
    expect((await call(groups.GET, { token: B.tokens.viewer })).json!.items).toHaveLength(0);
    expect((await call(groups.POST, { method: "POST", token: A.tokens.viewer, body: { name: "V", hashtags: ["a"] } })).status).toBe(403);
    expect((await call(group.PATCH, { method: "PATCH", token: A.tokens.viewer, params: { id }, body: { name: "V" } })).status).toBe(403);
    expect((await call(group.DELETE, { method: "DELETE", token: A.tokens.viewer, params: { id } })).status).toBe(403);
    expect((await call(group.GET, { token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(group.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id } })).status).toBe(204);
    expect((await audits(id)).map((r) => r.action)).toEqual(["hashtag_group.create", "hashtag_group.update", "hashtag_group.delete"]);
  });
});

describe("signatures", () => {
  it("are kept per platform, follow the role matrix and write audit rows", async () => {
    const made = await call(sigs.POST, { method: "POST", token: A.tokens.admin, body: { name: "Team", body: "— The team", platform: "linkedin" } });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ name: "Team", body: "— The team", platform: "linkedin" });
    const id = made.json!.id as string;
    expect((await call(sigs.POST, { method: "POST", token: A.tokens.admin, body: { name: "No body", body: "   " } })).status).toBe(400);
    expect((await call(sig.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { platform: null } })).json!.platform).toBeNull();
    expect((await call(sigs.GET, { token: A.tokens.viewer })).json!.items).toHaveLength(1);
    expect((await call(sigs.POST, { method: "POST", token: A.tokens.viewer, body: { name: "V", body: "x" } })).status).toBe(403);
    expect((await call(sig.DELETE, { method: "DELETE", token: A.tokens.viewer, params: { id } })).status).toBe(403);
    expect((await call(sig.GET, { token: B.tokens.viewer, params: { id } })).status).toBe(404);
    expect((await call(sig.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id } })).status).toBe(204);
    const rows = await ref.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "signature"), eq(auditLog.entityId, id)))
      .orderBy(auditLog.id);
    expect(rows.map((r) => r.action)).toEqual(["signature.create", "signature.update", "signature.delete"]);
    expect(rows[1]).toMatchObject({ before: expect.objectContaining({ platform: "linkedin" }), after: expect.objectContaining({ platform: null }) });
  });
});
