import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { getConfig } from "@/lib/config";
import { users, workspaces } from "@/db/schema";
import { changePassword } from "@/lib/auth/password-reset";
import { hashPassword } from "@/lib/auth/passwords";
import { readSessionRefreshTicket, sessionRefreshTicket } from "@/lib/auth/session-check";
import * as workspace from "./workspace/route";
import * as signInSecurity from "./workspace/sign-in-security/route";
import { Secret, TOTP } from "otpauth";
import { auditLog } from "@/db/schema";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/auth/two-factor";

const ref = withTestDatabase();
const db = () => ref.current.db;
const cookieFor = async (uid: string, sv?: number) =>
  `next-auth.session-token=${await encode({ token: { uid, sub: uid, ...(sv === undefined ? {} : { sv }) }, secret: getConfig().nextauthSecret })}`;

describe("browser sessions on /api/v1 after a password change", () => {
  it("answers 401 to a session from before the change, and 200 to the one that carries the new version", async () => {
    const ws = await makeWorkspaceWithTokens(db());
    const admin = ws.actors.admin;
    await db()
      .update(users)
      .set({ passwordHash: await hashPassword("first-password") })
      .where(eq(users.id, admin.userId));
    const before = await cookieFor(admin.userId); // a token from before versions existed reads as 0
    const beforeExplicit = await cookieFor(admin.userId, 0);
    expect((await call(workspace.GET, { headers: { cookie: before } })).status).toBe(200);
    const { sessionVersion } = await changePassword(
      db(),
      { maxFailures: 5, lockoutMinutes: 15 },
      { id: admin.userId, email: admin.email },
      "first-password",
      "second-password",
      null,
    );
    for (const cookie of [before, beforeExplicit]) {
      const r = await call(workspace.GET, { headers: { cookie } });
      expect(r.status).toBe(401);
      expect(r.json!.error.message).toMatch(/session has ended/);
    }
    expect((await call(workspace.GET, { headers: { cookie: await cookieFor(admin.userId, sessionVersion) } })).status).toBe(200);
    // API tokens are not sessions: they keep working.
    expect((await call(workspace.GET, { token: ws.tokens.admin })).status).toBe(200);
  });

  it("a refresh ticket carries only its own person's version, and not for long", () => {
    const secret = getConfig().nextauthSecret;
    const t = sessionRefreshTicket(secret, "u1", 3);
    expect(readSessionRefreshTicket(secret, "u1", t)).toBe(3);
    expect(readSessionRefreshTicket(secret, "u2", t)).toBeNull();
    expect(readSessionRefreshTicket(secret, "u1", t.replace(/^3\./, "4."))).toBeNull();
    expect(readSessionRefreshTicket(secret, "u1", t, Date.now() + 10 * 60_000)).toBeNull();
    expect(readSessionRefreshTicket("another-secret-another-secret-0123456", "u1", t)).toBeNull();
    expect(readSessionRefreshTicket(secret, "u1", 42)).toBeNull();
  });
});

describe("a workspace that requires two-factor sign-in, on /api/v1", () => {
  it("refuses the cookie of a member without it (403), while API tokens keep working", async () => {
    const ws = await makeWorkspaceWithTokens(db());
    const cookie = await cookieFor(ws.actors.editor.userId);
    expect((await call(workspace.GET, { headers: { cookie } })).status).toBe(200);
    await db().update(workspaces).set({ requireTwoFactor: true }).where(eq(workspaces.id, ws.workspace.id));
    const r = await call(workspace.GET, { headers: { cookie } });
    expect(r.status).toBe(403);
    expect(r.json!.error.code).toBe("forbidden:two_factor_required");
    expect((await call(workspace.GET, { token: ws.tokens.editor })).status).toBe(200);
  });
});

describe("/api/v1/workspace/sign-in-security", () => {
  it("turns the requirement on only for an admin who has two-factor sign-in, refuses bad input, and audits the change", async () => {
    const ws = await makeWorkspaceWithTokens(db());
    expect((await call(signInSecurity.GET, { token: ws.tokens.viewer })).json).toEqual({ require_two_factor: false, members: 3, members_with_two_factor: 0 });
    expect((await call(signInSecurity.PUT, { method: "PUT", token: ws.tokens.editor, body: { require_two_factor: true } })).status).toBe(403);
    for (const body of [{ require_two_factor: "yes" }, { require_two_factor: true, extra: 1 }, {}]) {
      expect((await call(signInSecurity.PUT, { method: "PUT", token: ws.tokens.admin, body })).status).toBe(400);
    }
    const refused = await call(signInSecurity.PUT, { method: "PUT", token: ws.tokens.admin, body: { require_two_factor: true } });
    expect(refused.status).toBe(409);
    expect(refused.json!.error.message).toMatch(/for yourself first/);
    expect((await call(signInSecurity.GET, { token: ws.tokens.admin })).json!.require_two_factor).toBe(false);

    const { secret } = await startTotpEnrolment(db(), ws.actors.admin.userId);
    const code = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate();
    await confirmTotpEnrolment(db(), ws.actors.admin.userId, code, null);
    const ok = await call(signInSecurity.PUT, { method: "PUT", token: ws.tokens.admin, body: { require_two_factor: true } });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ require_two_factor: true, members: 3, members_with_two_factor: 1 });
    const rows = await db().select({ a: auditLog.action, after: auditLog.after }).from(auditLog).where(eq(auditLog.workspaceId, ws.workspace.id));
    expect(rows).toContainEqual({ a: "workspace.two_factor_requirement", after: { require_two_factor: true } });
    // The API token still works for the editor who has no second factor.
    expect((await call(workspace.GET, { token: ws.tokens.editor })).status).toBe(200);
  });
});
