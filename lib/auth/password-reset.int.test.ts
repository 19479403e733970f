import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { insertUser } from "@/db/queries/users";
import { insertMembership, insertWorkspace } from "@/db/queries/workspaces";
import { and, isNull } from "drizzle-orm";
import { hashToken } from "../crypto";
import { auditLog, passwordResets, users } from "@/db/schema";
import { smtpMailer } from "../notifications/email";
import { hashPassword } from "./passwords";
import { authenticate } from "./signin";
import {
  changePassword,
  createResetLinkForMember,
  lookupReset,
  requestPasswordReset,
  RESET_EMAILS_PER_WINDOW,
  resetLinkRefusals,
  resetPassword,
} from "./password-reset";
import { sessionStatus } from "./session-check";

const ref = withTestDatabase();
const db = () => ref.current.db;
const policy = { maxFailures: 3, lockoutMinutes: 15 };

const inbox: { to: string[]; raw: string }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  onData(stream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
      cb();
    });
  },
});
let mailer: ReturnType<typeof smtpMailer>;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  mailer = smtpMailer(`smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, "Scheduler <scheduler@test.local>");
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
const deps = () => ({ mailer: mailer!, baseUrl: "http://app.test" });

/** The reset link in a message as it arrived (quoted-printable soft breaks undone). */
const linkIn = (raw: string) =>
  /http:\/\/app\.test\/reset-password\?token=(rst_[A-Za-z0-9_-]+)/.exec(raw.replace(/=\r?\n/g, "").replace(/=3D/g, "="))?.[1] ?? null;

let seq = 0;
async function person(password = "old-password-1") {
  const email = `reset-${process.pid}-${seq++}@example.test`;
  const user = await insertUser(db(), { email, name: "Reset Me", passwordHash: await hashPassword(password) });
  return { ...user, password };
}

describe("forgot password by email", () => {
  it("emails a single-use link to a real SMTP server; the new password works and the old one does not", async () => {
    const p = await person();
    inbox.length = 0;
    const r = await requestPasswordReset(db(), deps(), p.email.toUpperCase(), "10.0.0.5");
    await r.delivery;
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.to).toEqual([p.email]);
    const token = linkIn(inbox[0]!.raw)!;
    expect(token).toMatch(/^rst_/);
    const [row] = await db().select().from(passwordResets).where(eq(passwordResets.userId, p.id));
    expect(row!.tokenHash).not.toContain(token); // stored hashed
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeCloseTo(30 * 60_000, -4);
    expect(await lookupReset(db(), token)).toEqual({ email: p.email });
    await resetPassword(db(), token, "new-password-2", "10.0.0.5");
    expect(await authenticate(db(), policy, p.email, "new-password-2", null)).not.toBeNull();
    expect(await authenticate(db(), policy, p.email, p.password, null)).toBeNull();
    // Used once: the same link is refused and changes nothing.
    await expect(resetPassword(db(), token, "third-password-3", null)).rejects.toThrow(/invalid, used or expired/);
    expect(await authenticate(db(), policy, p.email, "new-password-2", null)).not.toBeNull();
    const log = (await db().select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, p.id))).map((x) => x.a);
    expect(log).toEqual(expect.arrayContaining(["auth.password_reset_requested", "auth.password_reset"]));
  });

  it("answers the same for an unknown address, and sends nothing", async () => {
    inbox.length = 0;
    const unknown = await requestPasswordReset(db(), deps(), `nobody-${process.pid}@example.test`, null);
    await unknown.delivery;
    const p = await person();
    const known = await requestPasswordReset(db(), deps(), p.email, null);
    expect(Object.keys(unknown)).toEqual(Object.keys(known));
    await known.delivery;
    expect(inbox.map((m) => m.to[0])).toEqual([p.email]);
  });

  it("refuses an expired link", async () => {
    const p = await person();
    inbox.length = 0;
    await (await requestPasswordReset(db(), deps(), p.email, null)).delivery;
    const token = linkIn(inbox[0]!.raw)!;
    await db()
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.userId, p.id));
    expect(await lookupReset(db(), token)).toBeNull();
    await expect(resetPassword(db(), token, "new-password-2", null)).rejects.toThrow(/invalid, used or expired/);
    expect(await authenticate(db(), policy, p.email, p.password, null)).not.toBeNull();
  });

  it("keeps only the newest link open and limits emails per address", async () => {
    const p = await person();
    inbox.length = 0;
    for (let i = 0; i < RESET_EMAILS_PER_WINDOW + 2; i++) await (await requestPasswordReset(db(), deps(), p.email, null)).delivery;
    expect(inbox).toHaveLength(RESET_EMAILS_PER_WINDOW);
    const [first, , last] = inbox.map((m) => linkIn(m.raw)!);
    await expect(resetPassword(db(), first!, "new-password-2", null)).rejects.toThrow(/invalid, used or expired/);
    await resetPassword(db(), last!, "new-password-2", null);
  });

  it("refuses a made-up token and a weak password with a clear error", async () => {
    await expect(resetPassword(db(), "rst_made-up-token-that-is-long-enough", "new-password-2", null)).rejects.toMatchObject({
      code: "bad_request:reset_token",
    });
  });
});

describe("sessions end on reset and change", () => {
  it("a reset bumps the session version: sessions issued before are ended", async () => {
    const p = await person();
    inbox.length = 0;
    await (await requestPasswordReset(db(), deps(), p.email, null)).delivery;
    expect(await sessionStatus(db(), p.id, 0)).toBe("current");
    await resetPassword(db(), linkIn(inbox[0]!.raw)!, "new-password-2", null);
    expect(await sessionStatus(db(), p.id, 0)).toBe("ended");
    expect(await sessionStatus(db(), p.id, 1)).toBe("current");
  });

  it("a change needs the current password, is limited, and returns the new version", async () => {
    const p = await person();
    await expect(changePassword(db(), policy, p, "not-it", "new-password-2", null)).rejects.toMatchObject({ code: "bad_request:current_password" });
    const { sessionVersion } = await changePassword(db(), policy, p, p.password, "new-password-2", "10.0.0.9");
    expect(sessionVersion).toBe(1);
    expect(await sessionStatus(db(), p.id, 0)).toBe("ended");
    expect(await authenticate(db(), policy, p.email, "new-password-2", null)).not.toBeNull();
    for (let i = 0; i < policy.maxFailures; i++) await expect(changePassword(db(), policy, p, "guess", "x-password-3", null)).rejects.toBeDefined();
    await expect(changePassword(db(), policy, p, "new-password-2", "x-password-3", null)).rejects.toMatchObject({ kind: "rate_limited" });
    const log = await db().select({ a: auditLog.action, ip: auditLog.ip }).from(auditLog).where(eq(auditLog.entityId, p.id));
    expect(log).toContainEqual({ a: "auth.password_changed", ip: "10.0.0.9" });
  });
});

describe("reset link made by an admin (no SMTP)", () => {
  it("works for a member of the admin's workspace only, once, and is audited there", async () => {
    const ws = await makeWorkspace(db(), ["admin", "viewer"]);
    const p = await person();
    await insertMembership(db(), { workspaceId: ws.workspace.id, userId: p.id, role: "editor" });
    await expect(createResetLinkForMember(db(), ws.actors.viewer, p.id, "http://app.test")).rejects.toMatchObject({ kind: "forbidden" });
    const stranger = await person();
    await expect(createResetLinkForMember(db(), ws.actors.admin, stranger.id, "http://app.test")).rejects.toMatchObject({ kind: "not_found" });
    const link = await createResetLinkForMember(db(), ws.actors.admin, p.id, "http://app.test");
    const token = new URL(link.url).searchParams.get("token")!;
    await resetPassword(db(), token, "admin-made-pass", null);
    await expect(resetPassword(db(), token, "again-made-pass", null)).rejects.toThrow(/invalid, used or expired/);
    const rows = await db().select({ a: auditLog.action, by: auditLog.actorUserId }).from(auditLog).where(eq(auditLog.workspaceId, ws.workspace.id));
    expect(rows).toContainEqual({ a: "auth.password_reset_link_created", by: ws.actors.admin.userId });
    expect(rows).toContainEqual({ a: "auth.password_reset", by: p.id });
    const [u] = await db().select({ v: users.sessionVersion }).from(users).where(eq(users.id, p.id));
    expect(u!.v).toBe(1);
  });
});

describe("reset links reach no further than the admin's own authority", () => {
  const openResets = async (userId: string) =>
    db()
      .select()
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  const linkAudits = async (userId: string) =>
    (await db().select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, userId))).filter((r) => r.a === "auth.password_reset_link_created");

  it("refuses (403, nothing written) a member who is an admin elsewhere, or a member of any workspace the admin does not run", async () => {
    const a = await makeWorkspace(db(), ["admin"]);
    const b = await makeWorkspace(db(), ["admin"]);
    // U: editor in A, owner of B. A's admin must not get into B through U's account.
    const u = await person();
    await insertMembership(db(), { workspaceId: a.workspace.id, userId: u.id, role: "editor" });
    await insertMembership(db(), { workspaceId: b.workspace.id, userId: u.id, role: "admin" });
    // V: editor in A, viewer in C, where A's admin is only an editor.
    const c = await insertWorkspace(db(), { name: `C ${process.pid}` });
    const v = await person();
    await insertMembership(db(), { workspaceId: a.workspace.id, userId: v.id, role: "editor" });
    await insertMembership(db(), { workspaceId: c.id, userId: v.id, role: "viewer" });
    await insertMembership(db(), { workspaceId: c.id, userId: a.actors.admin.userId, role: "editor" });
    // W: a fellow admin of A only.
    const w = await person();
    await insertMembership(db(), { workspaceId: a.workspace.id, userId: w.id, role: "admin" });
    for (const target of [u, v, w]) {
      const err = await createResetLinkForMember(db(), a.actors.admin, target.id, "http://app.test").catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "forbidden:reset_link", status: 403 });
      expect((err as Error).message).toMatch(/cannot make a reset link/);
      expect(await openResets(target.id)).toHaveLength(0);
      expect(await linkAudits(target.id)).toHaveLength(0);
    }
    // The team screen knows the same, and offers the button for a member of A only.
    const plain = await person();
    await insertMembership(db(), { workspaceId: a.workspace.id, userId: plain.id, role: "viewer" });
    const refusals = await resetLinkRefusals(db(), a.actors.admin);
    expect([...refusals.keys()].sort()).toEqual([u.id, v.id, w.id, a.actors.admin.userId].sort());
    expect(refusals.get(u.id)).toMatch(/other workspaces|workspaces where you are not an admin/);
    expect(refusals.get(w.id)).toMatch(/another admin/);
    const ok = await createResetLinkForMember(db(), a.actors.admin, plain.id, "http://app.test");
    expect(ok.email).toBe(plain.email);
  });

  it("allows it when the admin is an admin of every workspace the member belongs to, audited as before", async () => {
    const a = await makeWorkspace(db(), ["admin"]);
    const b = await insertWorkspace(db(), { name: `B2 ${process.pid}` });
    await insertMembership(db(), { workspaceId: b.id, userId: a.actors.admin.userId, role: "admin" });
    const u = await person();
    await insertMembership(db(), { workspaceId: a.workspace.id, userId: u.id, role: "editor" });
    await insertMembership(db(), { workspaceId: b.id, userId: u.id, role: "viewer" });
    expect((await resetLinkRefusals(db(), a.actors.admin)).has(u.id)).toBe(false);
    const link = await createResetLinkForMember(db(), a.actors.admin, u.id, "http://app.test");
    expect(await openResets(u.id)).toHaveLength(1);
    const rows = await db()
      .select({ a: auditLog.action, ws: auditLog.workspaceId, by: auditLog.actorUserId })
      .from(auditLog)
      .where(eq(auditLog.entityId, u.id));
    expect(rows).toEqual([{ a: "auth.password_reset_link_created", ws: a.workspace.id, by: a.actors.admin.userId }]);
    await resetPassword(db(), new URL(link.url).searchParams.get("token")!, "fresh-password-9", null);
  });
});

describe("open reset links end when the password changes", () => {
  it("a password change voids a link asked for earlier", async () => {
    const p = await person();
    inbox.length = 0;
    await (await requestPasswordReset(db(), deps(), p.email, null)).delivery;
    const token = linkIn(inbox[0]!.raw)!;
    await changePassword(db(), policy, p, p.password, "changed-password-2", null);
    expect(await lookupReset(db(), token)).toBeNull();
    await expect(resetPassword(db(), token, "attacker-password", null)).rejects.toMatchObject({ code: "bad_request:reset_token" });
    expect(await authenticate(db(), policy, p.email, "changed-password-2", null)).not.toBeNull();
  });

  it("a completed reset voids any other link still open", async () => {
    const p = await person();
    // Two links open at once (two requests that raced): written directly, as the race would leave them.
    const expiresAt = new Date(Date.now() + 30 * 60_000);
    await db()
      .insert(passwordResets)
      .values([
        { userId: p.id, tokenHash: hashToken("rst_first-link-of-two-open"), expiresAt, createdBy: null },
        { userId: p.id, tokenHash: hashToken("rst_second-link-of-two-open"), expiresAt, createdBy: null },
      ]);
    await resetPassword(db(), "rst_first-link-of-two-open", "reset-password-3", null);
    await expect(resetPassword(db(), "rst_second-link-of-two-open", "attacker-password", null)).rejects.toMatchObject({ code: "bad_request:reset_token" });
    expect(await authenticate(db(), policy, p.email, "reset-password-3", null)).not.toBeNull();
  });
});
