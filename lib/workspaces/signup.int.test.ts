import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withTestDatabase, makeWorkspace } from "@/scripts/test/fixtures";
import { memberships, users, workspaces } from "@/db/schema";
import { inviteMember, signUp, workspacesOfUser } from "./index";

const ref = withTestDatabase();
const OPEN = { openSignup: true };
const count = async (t: typeof users | typeof workspaces | typeof memberships) =>
  (await ref.current.db.select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n;

describe("sign-up", () => {
  it("creates a user and a workspace where they are admin", async () => {
    const { user, workspaceId } = await signUp(ref.current.db, { name: "Ada", email: "ada@example.com", password: "long enough", workspaceName: "Ada Co" }, OPEN);
    const { list, current } = await workspacesOfUser(ref.current.db, user.id);
    expect(list).toHaveLength(1);
    expect(current).toMatchObject({ workspaceId, workspaceName: "Ada Co", workspaceSlug: "ada-co", role: "admin" });
  });

  it("refuses a taken email (any case) and changes nothing", async () => {
    const before = [await count(users), await count(workspaces)];
    await expect(signUp(ref.current.db, { name: "X", email: "ADA@Example.com", password: "long enough" }, OPEN)).rejects.toThrow(/already exists/);
    expect([await count(users), await count(workspaces)]).toEqual(before);
  });

  it("joins the inviting workspace with the invited role, once, and only for the invited email", async () => {
    const { actors, workspace } = await makeWorkspace(ref.current.db, ["admin"]);
    const invite = await inviteMember(ref.current.db, actors.admin, { email: "bob@example.com", role: "viewer" });
    await expect(signUp(ref.current.db, { name: "Eve", email: "eve@example.com", password: "long enough", inviteToken: invite.token }, OPEN)).rejects.toThrow(/This invite is for bob@example.com/);
    const { user } = await signUp(ref.current.db, { name: "Bob", email: "bob@example.com", password: "long enough", inviteToken: invite.token }, OPEN);
    const { list } = await workspacesOfUser(ref.current.db, user.id);
    expect(list.map((m) => [m.workspaceId, m.role])).toEqual([[workspace.id, "viewer"]]);
    await expect(signUp(ref.current.db, { name: "Bob2", email: "bob2@example.com", password: "long enough", inviteToken: invite.token }, OPEN)).rejects.toThrow(/invalid, used or expired/);
  });

  it("admits only invited people when sign-up is closed", async () => {
    const before = await count(users);
    await expect(signUp(ref.current.db, { name: "C", email: "closed@example.com", password: "long enough" }, { openSignup: false })).rejects.toThrow(/Sign-up is closed/);
    expect(await count(users)).toBe(before);
    const { actors } = await makeWorkspace(ref.current.db, ["admin"]);
    const invite = await inviteMember(ref.current.db, actors.admin, { email: "invited@example.com", role: "editor" });
    const { user } = await signUp(ref.current.db, { name: "I", email: "invited@example.com", password: "long enough", inviteToken: invite.token }, { openSignup: false });
    expect(user.email).toBe("invited@example.com");
  });

  it("an editor cannot invite", async () => {
    const { actors } = await makeWorkspace(ref.current.db, ["admin", "editor"]);
    await expect(inviteMember(ref.current.db, actors.editor, { email: "z@example.com", role: "viewer" })).rejects.toThrow(/may not do this/);
  });
});
