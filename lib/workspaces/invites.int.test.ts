import { describe, expect, it } from "vitest";
import { withTestDatabase, makeWorkspace } from "@/scripts/test/fixtures";
import { countAdminsForUpdate, updateMemberRole } from "@/db/queries/workspaces";
import { acceptInvite, cancelInvite, changeMemberRole, declineInvite, inviteMember, lookupInvite, pendingInvites, signUp, workspacesOfUser } from "./index";

const ref = withTestDatabase();

describe("invites for people who already have an account", () => {
  it("wait for the invitee to accept; nothing changes until then, and the inviter is told nothing about the account", async () => {
    const A = await makeWorkspace(ref.current.db, ["admin"]);
    const B = await makeWorkspace(ref.current.db, ["admin"]);
    const someone = B.actors.admin; // has an account (and a workspace of their own)
    const forKnown = await inviteMember(ref.current.db, A.actors.admin, { email: someone.email, role: "editor" });
    const forUnknown = await inviteMember(ref.current.db, A.actors.admin, { email: "nobody-yet@example.com", role: "editor" });
    expect(Object.keys(forKnown).sort()).toEqual(Object.keys(forUnknown).sort());

    const user = { id: someone.userId, email: someone.email };
    expect((await workspacesOfUser(ref.current.db, user.id)).list).toHaveLength(1);
    const waiting = await pendingInvites(ref.current.db, user);
    expect(waiting).toMatchObject([{ id: forKnown.inviteId, workspaceId: A.workspace.id, role: "editor" }]);
    // What the link shows is the same whether or not the email has an account.
    expect(await lookupInvite(ref.current.db, forKnown.token)).toEqual({ email: someone.email, role: "editor", workspaceName: A.workspace.name });
    expect(Object.keys((await lookupInvite(ref.current.db, forUnknown.token))!).sort()).toEqual(["email", "role", "workspaceName"]);

    // Someone else cannot take it.
    await expect(acceptInvite(ref.current.db, { id: A.actors.admin.userId, email: A.actors.admin.email }, forKnown.inviteId)).rejects.toThrow(
      /invite not found/,
    );
    await acceptInvite(ref.current.db, user, forKnown.inviteId);
    const { list, current } = await workspacesOfUser(ref.current.db, user.id);
    expect(list.map((m) => m.workspaceId).sort()).toEqual([A.workspace.id, B.workspace.id].sort());
    expect(current?.workspaceId).toBe(A.workspace.id);
    expect(await pendingInvites(ref.current.db, user)).toEqual([]);
    await expect(acceptInvite(ref.current.db, user, forKnown.inviteId)).rejects.toThrow(/invite not found/);
  });

  it("can be declined, and a cancelled invite can no longer be used", async () => {
    const A = await makeWorkspace(ref.current.db, ["admin"]);
    const B = await makeWorkspace(ref.current.db, ["admin"]);
    const user = { id: B.actors.admin.userId, email: B.actors.admin.email };
    const first = await inviteMember(ref.current.db, A.actors.admin, { email: user.email, role: "viewer" });
    await declineInvite(ref.current.db, user, first.inviteId);
    await expect(acceptInvite(ref.current.db, user, first.inviteId)).rejects.toThrow(/invite not found/);

    const second = await inviteMember(ref.current.db, A.actors.admin, { email: "late@example.com", role: "viewer" });
    await cancelInvite(ref.current.db, A.actors.admin, second.inviteId);
    await expect(
      signUp(ref.current.db, { name: "Late", email: "late@example.com", password: "long enough", inviteToken: second.token }, { openSignup: false }),
    ).rejects.toThrow(/invalid, used or expired/);
  });

  it("a new invite replaces an open one to the same email", async () => {
    const A = await makeWorkspace(ref.current.db, ["admin"]);
    const one = await inviteMember(ref.current.db, A.actors.admin, { email: "twice@example.com", role: "viewer" });
    const two = await inviteMember(ref.current.db, A.actors.admin, { email: "twice@example.com", role: "editor" });
    expect(await lookupInvite(ref.current.db, one.token)).toBeNull();
    expect(await lookupInvite(ref.current.db, two.token)).toMatchObject({ role: "editor" });
  });

  it("refuses to invite a current member", async () => {
    const A = await makeWorkspace(ref.current.db, ["admin", "editor"]);
    await expect(inviteMember(ref.current.db, A.actors.admin, { email: A.actors.editor.email, role: "viewer" })).rejects.toThrow(/already a member/);
  });
});

describe("the last admin", () => {
  it("survives two admins stepping down at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      const W = await makeWorkspace(ref.current.db, ["admin", "editor"]);
      await updateMemberRole(ref.current.db, W.workspace.id, W.actors.editor.userId, "admin");
      const [a, b] = [W.actors.admin, { ...W.actors.editor, role: "admin" as const }];
      const results = await Promise.allSettled([
        changeMemberRole(ref.current.db, a, a.userId, "viewer"),
        changeMemberRole(ref.current.db, b, b.userId, "viewer"),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason.code).toBe("conflict:last_admin");
    }
  });
});

describe("the admin count behind that guard", () => {
  it("holds the admins' rows until the counting transaction ends, so a second count waits for the first demotion", async () => {
    const W = await makeWorkspace(ref.current.db, ["admin", "editor"]);
    await updateMemberRole(ref.current.db, W.workspace.id, W.actors.editor.userId, "admin");
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let counted!: () => void;
    const firstCounted = new Promise<void>((r) => (counted = r));
    const first = ref.current.db.transaction(async (tx) => {
      order.push(`first counted ${await countAdminsForUpdate(tx, W.workspace.id)}`);
      counted();
      await gate;
      await updateMemberRole(tx, W.workspace.id, W.actors.admin.userId, "viewer");
      order.push("first committed");
    });
    await firstCounted;
    const second = ref.current.db.transaction(async (tx) => {
      order.push(`second counted ${await countAdminsForUpdate(tx, W.workspace.id)}`);
    });
    // Give the second count every chance to run early; with the lock it cannot.
    setTimeout(release, 300);
    await Promise.all([first, second]);
    expect(order).toEqual(["first counted 2", "first committed", "second counted 1"]);
  });
});

describe("two sign-ups at once", () => {
  it("with the same email: one account, and a clear conflict for the other", async () => {
    const attempts = await Promise.allSettled(
      [1, 2].map((i) =>
        signUp(ref.current.db, { name: `Twin ${i}`, email: "twin@example.com", password: "long enough", workspaceName: "Twins" }, { openSignup: true }),
      ),
    );
    expect(attempts.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = attempts.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason.code).toBe("conflict:user");
  });

  it("with the same workspace name: both get a workspace, with different slugs", async () => {
    const made = await Promise.all(
      [1, 2, 3].map((i) =>
        signUp(
          ref.current.db,
          { name: `Same ${i}`, email: `same-${i}@example.com`, password: "long enough", workspaceName: "Same Name" },
          { openSignup: true },
        ),
      ),
    );
    const slugs = await Promise.all(made.map(async (m) => (await workspacesOfUser(ref.current.db, m.user.id)).current!.workspaceSlug));
    expect(new Set(slugs).size).toBe(3);
    expect(slugs.sort()[0]).toBe("same-name");
  });
});
