import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { createApiToken } from "@/lib/auth/tokens";
import { hashToken } from "@/lib/crypto";
import * as tokens from "./tokens/route";
import * as tokenById from "./tokens/[id]/route";
import * as members from "./members/route";
import * as memberById from "./members/[userId]/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspace>>;
let B: Awaited<ReturnType<typeof makeWorkspace>>;
const tok = {} as Record<"admin" | "editor" | "viewer" | "adminB", string>;

beforeAll(async () => {
  A = await makeWorkspace(ref.current.db);
  B = await makeWorkspace(ref.current.db);
  for (const role of ["admin", "editor", "viewer"] as const) {
    tok[role] = (await createApiToken(ref.current.db, A.actors.admin, { name: `${role} token`, role })).token;
  }
  tok.adminB = (await createApiToken(ref.current.db, B.actors.admin, { name: "B admin", role: "admin" })).token;
});

describe("API tokens", () => {
  it("lets an admin token create, list and revoke; the secret is shown once and never listed", async () => {
    const made = await call(tokens.POST, { method: "POST", token: tok.admin, body: { name: "deploy bot", role: "viewer" } });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ id: expect.any(String), token: expect.stringMatching(/^sch_[A-Za-z0-9_-]{40,}$/), role: "viewer" });
    const secret = made.json!.token as string;

    const list = await call(tokens.GET, { token: tok.admin });
    expect(list.status).toBe(200);
    const names = list.json!.items.map((t: { name: string }) => t.name);
    expect(names).toContain("deploy bot");
    expect(list.json!.items.find((t: { name: string }) => t.name === "deploy bot")).toMatchObject({
      role: "viewer",
      prefix: secret.slice(0, 8),
      revoked_at: null,
    });
    for (const t of Object.values(tok)) expect(list.text).not.toContain(t);
    expect(list.text).not.toContain(secret);
    expect(list.text).not.toContain(hashToken(secret));
    expect(list.text).not.toContain("token_hash");

    // The new token works until it is revoked.
    expect((await call(members.GET, { token: secret })).status).toBe(200);
    const del = await call(tokenById.DELETE, { method: "DELETE", token: tok.admin, params: { id: made.json!.id } });
    expect(del.status).toBe(204);
    const after = await call(members.GET, { token: secret });
    expect(after.status).toBe(401);
    expect(after.json).toEqual({ error: { code: "unauthorized", message: expect.stringMatching(/revoked/) } });
  });

  it("gives editors and viewers 403 on every token call", async () => {
    for (const role of ["editor", "viewer"] as const) {
      const post = await call(tokens.POST, { method: "POST", token: tok[role], body: { name: "x" } });
      expect(post.status).toBe(403);
      expect(post.json!.error.code).toBe("forbidden");
      expect((await call(tokens.GET, { token: tok[role] })).status).toBe(403);
      const any = (await call(tokens.GET, { token: tok.admin })).json!.items.find((t: { revoked_at: string | null }) => t.revoked_at === null).id;
      expect((await call(tokenById.DELETE, { method: "DELETE", token: tok[role], params: { id: any } })).status).toBe(403);
      const still = (await call(tokens.GET, { token: tok.admin })).json!.items.find((t: { id: string }) => t.id === any);
      expect(still.revoked_at).toBeNull();
    }
  });

  it("answers 401 with the JSON error body when the token is missing, malformed or unknown", async () => {
    const none = await call(tokens.GET);
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect((await call(tokens.GET, { headers: { authorization: "Basic abc" } })).status).toBe(401);
    expect((await call(tokens.GET, { token: "sch_not-a-real-token" })).status).toBe(401);
    expect((await call(tokens.GET, { token: "something-else" })).status).toBe(401);
  });

  it("rejects a bad body with 400 and creates nothing", async () => {
    const before = (await call(tokens.GET, { token: tok.admin })).json!.items.length;
    const empty = await call(tokens.POST, { method: "POST", token: tok.admin, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.json!.error.code).toBe("bad_request:validation");
    expect(empty.json!.error.details[0].field).toBe("name");
    expect((await call(tokens.POST, { method: "POST", token: tok.admin, body: { name: "x", role: "owner" } })).status).toBe(400);
    expect((await call(tokens.POST, { method: "POST", token: tok.admin, body: "{not json" })).json!.error.code).toBe("bad_request:json");
    expect((await call(tokens.GET, { token: tok.admin })).json!.items.length).toBe(before);
  });
});

describe("workspace isolation", () => {
  it("answers 404 for another workspace's tokens and members", async () => {
    const bTokens = (await call(tokens.GET, { token: tok.adminB })).json!.items;
    const bTokenId = bTokens[0].id as string;
    const revoke = await call(tokenById.DELETE, { method: "DELETE", token: tok.admin, params: { id: bTokenId } });
    expect(revoke.status).toBe(404);
    expect(revoke.json!.error.code).toBe("not_found:api_token");
    // B's token still works: nothing changed.
    expect((await call(tokens.GET, { token: tok.adminB })).status).toBe(200);

    const bAdmin = B.actors.admin.userId;
    expect((await call(memberById.GET, { token: tok.admin, params: { userId: bAdmin } })).status).toBe(404);
    expect((await call(memberById.PATCH, { method: "PATCH", token: tok.admin, params: { userId: bAdmin }, body: { role: "viewer" } })).status).toBe(404);
    expect((await call(memberById.DELETE, { method: "DELETE", token: tok.admin, params: { userId: bAdmin } })).status).toBe(404);
    const bMembers = (await call(members.GET, { token: tok.adminB })).json!.items;
    expect(bMembers.find((m: { user_id: string }) => m.user_id === bAdmin).role).toBe("admin");
    // A's member list never shows B's people.
    const aMembers = (await call(members.GET, { token: tok.admin })).json!.items.map((m: { user_id: string }) => m.user_id);
    expect(aMembers).not.toContain(bAdmin);
  });

  it("keeps the last admin: demoting or removing them is refused", async () => {
    const C = await makeWorkspace(ref.current.db, ["admin", "editor"]);
    const t = (await createApiToken(ref.current.db, C.actors.admin, { name: "c", role: "admin" })).token;
    const demote = await call(memberById.PATCH, { method: "PATCH", token: t, params: { userId: C.actors.admin.userId }, body: { role: "editor" } });
    expect(demote.status).toBe(409);
    expect(demote.json!.error.code).toBe("conflict:last_admin");
    const promote = await call(memberById.PATCH, { method: "PATCH", token: t, params: { userId: C.actors.editor.userId }, body: { role: "admin" } });
    expect(promote.status).toBe(200);
    expect(promote.json!.role).toBe("admin");
  });
});

describe("tokens follow their creator", () => {
  it("never act above the creator's current role, and stop when the creator leaves", async () => {
    const D = await makeWorkspace(ref.current.db, ["admin"]);
    const second = await makeWorkspace(ref.current.db, ["admin"]);
    // A second admin in D makes a token, is demoted to viewer, then removed.
    const { insertMembership } = await import("@/db/queries/workspaces");
    await insertMembership(ref.current.db, { workspaceId: D.workspace.id, userId: second.actors.admin.userId, role: "admin" });
    const theirs = (await createApiToken(ref.current.db, { ...second.actors.admin, workspaceId: D.workspace.id }, { name: "theirs", role: "admin" })).token;
    const boss = (await createApiToken(ref.current.db, D.actors.admin, { name: "boss", role: "admin" })).token;
    expect((await call(tokens.GET, { token: theirs })).status).toBe(200);

    const demote = await call(memberById.PATCH, { method: "PATCH", token: boss, params: { userId: second.actors.admin.userId }, body: { role: "viewer" } });
    expect(demote.status).toBe(200);
    expect((await call(tokens.GET, { token: theirs })).status).toBe(403); // now acts as a viewer
    expect((await call(members.GET, { token: theirs })).status).toBe(200);

    expect((await call(memberById.DELETE, { method: "DELETE", token: boss, params: { userId: second.actors.admin.userId } })).status).toBe(204);
    const gone = await call(members.GET, { token: theirs });
    expect(gone.status).toBe(401);
    const listed = (await call(tokens.GET, { token: boss })).json!.items.find((t: { name: string }) => t.name === "theirs");
    expect(listed.revoked_at).not.toBeNull();
  });
});
