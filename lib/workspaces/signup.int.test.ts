import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withTestDatabase, makeWorkspace } from "@/scripts/test/fixtures";
import { memberships, users, workspaces } from "@/db/schema";
import { createWorkspaceFor, inviteMember, signUp, workspacesOfUser } from "./index";
import { readPreferences } from "@/db/queries/preferences";
import { getWorkspace } from "@/db/queries/workspaces";
import { confirmMyZone, getMyPreferences, setMyPreferences } from "@/lib/preferences";
import { AppError } from "@/lib/errors";

const ref = withTestDatabase();
const OPEN = { openSignup: true };
const count = async (t: typeof users | typeof workspaces | typeof memberships) =>
  (await ref.current.db.select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n;

describe("sign-up", () => {
  it("creates a user and a workspace where they are admin", async () => {
    const { user, workspaceId } = await signUp(
      ref.current.db,
      { name: "Ada", email: "ada@example.com", password: "long enough", workspaceName: "Ada Co" },
      OPEN,
    );
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
    await expect(signUp(ref.current.db, { name: "Eve", email: "eve@example.com", password: "long enough", inviteToken: invite.token }, OPEN)).rejects.toThrow(
      /This invite is for bob@example.com/,
    );
    const { user } = await signUp(ref.current.db, { name: "Bob", email: "bob@example.com", password: "long enough", inviteToken: invite.token }, OPEN);
    const { list } = await workspacesOfUser(ref.current.db, user.id);
    expect(list.map((m) => [m.workspaceId, m.role])).toEqual([[workspace.id, "viewer"]]);
    await expect(signUp(ref.current.db, { name: "Bob2", email: "bob2@example.com", password: "long enough", inviteToken: invite.token }, OPEN)).rejects.toThrow(
      /invalid, used or expired/,
    );
  });

  it("admits only invited people when sign-up is closed", async () => {
    const before = await count(users);
    await expect(signUp(ref.current.db, { name: "C", email: "closed@example.com", password: "long enough" }, { openSignup: false })).rejects.toThrow(
      /Sign-up is closed/,
    );
    expect(await count(users)).toBe(before);
    const { actors } = await makeWorkspace(ref.current.db, ["admin"]);
    const invite = await inviteMember(ref.current.db, actors.admin, { email: "invited@example.com", role: "editor" });
    const { user } = await signUp(
      ref.current.db,
      { name: "I", email: "invited@example.com", password: "long enough", inviteToken: invite.token },
      { openSignup: false },
    );
    expect(user.email).toBe("invited@example.com");
  });

  it("an editor cannot invite", async () => {
    const { actors } = await makeWorkspace(ref.current.db, ["admin", "editor"]);
    await expect(inviteMember(ref.current.db, actors.editor, { email: "z@example.com", role: "viewer" })).rejects.toThrow(/may not do this/);
  });

  it("confirms the browser's zone it was sent and gives a new workspace that zone", async () => {
    const db = ref.current.db;
    const { user, workspaceId } = await signUp(db, { name: "Zed", email: "zed@example.com", password: "long enough", timezone: "Europe/Berlin" }, OPEN);
    const prefs = await readPreferences(db, user.id);
    expect(prefs).toMatchObject({ timezone: "Europe/Berlin", locale: null });
    expect(prefs!.timezoneConfirmedAt).toBeInstanceOf(Date);
    expect((await getWorkspace(db, workspaceId))!.defaultTimezone).toBe("Europe/Berlin");
    // A second workspace of theirs takes the zone they confirmed, whatever the browser says now.
    const ws2 = await createWorkspaceFor(db, user, "Zed Two", { openSignup: true, timezone: "Asia/Kolkata" });
    expect((await getWorkspace(db, ws2.id))!.defaultTimezone).toBe("Europe/Berlin");
  });

  it("an invited person's zone is confirmed too; the inviting workspace keeps its own", async () => {
    const db = ref.current.db;
    const { actors, workspace } = await makeWorkspace(db, ["admin"]);
    const invite = await inviteMember(db, actors.admin, { email: "kol@example.com", role: "editor" });
    const { user } = await signUp(
      db,
      { name: "Kol", email: "kol@example.com", password: "long enough", inviteToken: invite.token, timezone: "Asia/Kolkata" },
      OPEN,
    );
    expect(await readPreferences(db, user.id)).toMatchObject({ timezone: "Asia/Kolkata" });
    expect((await getWorkspace(db, workspace.id))!.defaultTimezone).toBe("UTC");
  });

  it("without a zone the person stays on UTC, unconfirmed; an unknown zone is refused and nothing is kept", async () => {
    const db = ref.current.db;
    const { user, workspaceId } = await signUp(db, { name: "Una", email: "una@example.com", password: "long enough" }, OPEN);
    const prefs = await readPreferences(db, user.id);
    expect(prefs?.timezone ?? "UTC").toBe("UTC");
    expect(prefs?.timezoneConfirmedAt ?? null).toBeNull();
    expect((await getWorkspace(db, workspaceId))!.defaultTimezone).toBe("UTC");
    const before = [await count(users), await count(workspaces)];
    const err = await signUp(db, { name: "Mars", email: "mars@example.com", password: "long enough", timezone: "Mars/Olympus" }, OPEN).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect([await count(users), await count(workspaces)]).toEqual(before);
  });

  it("quietly confirms a zone the browser agrees with, and only that one", async () => {
    const db = ref.current.db;
    const { user, workspaceId } = await signUp(db, { name: "Quin", email: "quin@example.com", password: "long enough" }, OPEN);
    const actor = { workspaceId, userId: user.id, tokenId: null, role: "admin" as const };
    expect(await confirmMyZone(db, actor, "Europe/Berlin")).toEqual({ confirmed: false });
    expect((await getMyPreferences(db, actor)).timezoneConfirmedAt).toBeNull();
    expect(await confirmMyZone(db, actor, "UTC")).toEqual({ confirmed: true });
    expect(await getMyPreferences(db, actor)).toMatchObject({ timezone: "UTC" });
    expect((await getMyPreferences(db, actor)).timezoneConfirmedAt).toBeInstanceOf(Date);
  });

  it("keeps a locale preference, canonical, and null goes back to the browser's", async () => {
    const db = ref.current.db;
    const { user, workspaceId } = await signUp(db, { name: "Lou", email: "lou@example.com", password: "long enough", timezone: "Europe/Berlin" }, OPEN);
    const actor = { workspaceId, userId: user.id, tokenId: null, role: "admin" as const };
    await setMyPreferences(db, actor, { locale: "en-gb" });
    expect(await getMyPreferences(db, actor)).toMatchObject({ locale: "en-GB", timezone: "Europe/Berlin" });
    await expect(setMyPreferences(db, actor, { locale: "xx-notalocale-123" })).rejects.toThrow(/not a language tag/);
    expect((await getMyPreferences(db, actor)).locale).toBe("en-GB");
    await setMyPreferences(db, actor, { locale: null });
    expect((await getMyPreferences(db, actor)).locale).toBeNull();
  });
});
