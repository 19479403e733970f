import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { withTestDatabase } from "@/scripts/test/fixtures";
import { insertUser } from "@/db/queries/users";
import { insertMembership, insertWorkspace } from "@/db/queries/workspaces";
import { auditLog, users } from "@/db/schema";
import { authenticate, SecondFactorError, ThrottledError } from "./signin";
import { hashPassword } from "./passwords";
import { confirmTotpEnrolment, renewRecoveryCodes, startTotpEnrolment, turnOffTotp, twoFactorStatus } from "./two-factor";
import { sessionStatus } from "./session-check";

const ref = withTestDatabase();
const db = () => ref.current.db;
const policy = { maxFailures: 3, lockoutMinutes: 15 };
// Computed with the library itself, independently of the code under test.
const codeAt = (secret: string, ms = Date.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: ms });
const wrongOf = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, "0");

let seq = 0;
async function person(password = "right-password") {
  const email = `tf-${process.pid}-${seq++}@example.test`;
  const ws = await insertWorkspace(db(), { name: `TF ${seq}` });
  const user = await insertUser(db(), { email, name: "Two Factor", passwordHash: await hashPassword(password) });
  await insertMembership(db(), { workspaceId: ws.id, userId: user.id, role: "editor" });
  return { ...user, password, workspaceId: ws.id };
}

async function enrolled() {
  const p = await person();
  const { secret } = await startTotpEnrolment(db(), p.id);
  const { recoveryCodes } = await confirmTotpEnrolment(db(), p.id, codeAt(secret), null);
  // The enrolment used this step's code: move the stored step back so the tests below can use
  // the current one as a fresh code.
  await db()
    .update(users)
    .set({ totpLastStep: Math.floor(Date.now() / 30_000) - 2 })
    .where(eq(users.id, p.id));
  return { ...p, secret, recoveryCodes };
}

const actions = async (userId: string) =>
  (await db().select({ a: auditLog.action, after: auditLog.after, ws: auditLog.workspaceId }).from(auditLog).where(eq(auditLog.entityId, userId))).map(
    (r) => r.a,
  );

describe("two-factor enrolment", () => {
  it("shows a secret and QR code, turns on with a first code, and returns ten recovery codes once", async () => {
    const p = await person();
    const start = await startTotpEnrolment(db(), p.id);
    expect(start.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.uri).toContain(`secret=${start.secret}`);
    expect(start.qrSvg).toMatch(/^<svg[^>]*>/);
    const [row] = await db().select({ sealed: users.totpSecretEncrypted, on: users.totpEnabledAt }).from(users).where(eq(users.id, p.id));
    expect(row!.sealed).not.toContain(start.secret); // encrypted at rest
    expect(row!.on).toBeNull();
    await expect(confirmTotpEnrolment(db(), p.id, wrongOf(codeAt(start.secret)), null)).rejects.toThrow(/not right/);
    expect((await twoFactorStatus(db(), p.id)).enabled).toBe(false);
    const { recoveryCodes } = await confirmTotpEnrolment(db(), p.id, codeAt(start.secret), null);
    expect(recoveryCodes).toHaveLength(10);
    expect(await twoFactorStatus(db(), p.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    await expect(startTotpEnrolment(db(), p.id)).rejects.toThrow(/already on/);
    expect(await actions(p.id)).toContain("auth.two_factor_enabled");
  });
});

describe("sign-in with two-factor", () => {
  it("asks for the code, accepts the right one once, refuses wrong, reused and expired codes", async () => {
    const p = await enrolled();
    const policy = { maxFailures: 10, lockoutMinutes: 15 };
    await expect(authenticate(db(), policy, p.email, p.password, null)).rejects.toMatchObject({ reason: "missing" });
    await expect(authenticate(db(), policy, p.email, "wrong-password", null, codeAt(p.secret))).resolves.toBeNull();
    await expect(authenticate(db(), policy, p.email, p.password, null, wrongOf(codeAt(p.secret)))).rejects.toMatchObject({ reason: "wrong" });
    await expect(authenticate(db(), policy, p.email, p.password, null, codeAt(p.secret, Date.now() - 90_000))).rejects.toMatchObject({ reason: "wrong" });
    // One code, used twice: the second time it is refused, even if the step rolled over meanwhile.
    const code = codeAt(p.secret);
    const ok = await authenticate(db(), policy, p.email, p.password, null, code);
    expect(ok?.id).toBe(p.id);
    await expect(authenticate(db(), policy, p.email, p.password, null, code)).rejects.toMatchObject({ reason: "reused" });
    const log = await actions(p.id);
    expect(log.filter((a) => a === "auth.sign_in")).toHaveLength(1);
    expect(log.filter((a) => a === "auth.sign_in_failed").length).toBeGreaterThanOrEqual(4);
  });

  it("counts wrong codes against the failed-attempt limit", async () => {
    const p = await enrolled();
    for (let i = 0; i < policy.maxFailures; i++) {
      await expect(authenticate(db(), policy, p.email, p.password, null, wrongOf(codeAt(p.secret)))).rejects.toBeInstanceOf(SecondFactorError);
    }
    await expect(authenticate(db(), policy, p.email, p.password, null, codeAt(p.secret))).rejects.toBeInstanceOf(ThrottledError);
  });

  it("takes a recovery code once, in any case and spacing", async () => {
    const p = await enrolled();
    const code = p.recoveryCodes[3]!;
    expect(await authenticate(db(), policy, p.email, p.password, null, code.toUpperCase().replaceAll("-", " "))).not.toBeNull();
    await expect(authenticate(db(), policy, p.email, p.password, null, code)).rejects.toMatchObject({ reason: "wrong" });
    expect((await twoFactorStatus(db(), p.id)).recoveryCodesLeft).toBe(9);
    expect(await actions(p.id)).toContain("auth.recovery_code_used");
  });
});

describe("turning off and renewing", () => {
  it("renews recovery codes with a code (the old ones stop working) and turns off with a current code only", async () => {
    const p = await enrolled();
    await expect(renewRecoveryCodes(db(), policy, p.id, wrongOf(codeAt(p.secret)), null)).rejects.toThrow(/not right/);
    const { recoveryCodes } = await renewRecoveryCodes(db(), policy, p.id, p.recoveryCodes[0]!, null);
    expect(recoveryCodes).toHaveLength(10);
    await expect(turnOffTotp(db(), policy, p.id, p.recoveryCodes[1]!, null)).rejects.toThrow(/not right/);
    await expect(turnOffTotp(db(), policy, p.id, wrongOf(codeAt(p.secret)), null)).rejects.toThrow(/not right/);
    expect((await twoFactorStatus(db(), p.id)).enabled).toBe(true);
    await turnOffTotp(db(), policy, p.id, codeAt(p.secret), null);
    expect(await twoFactorStatus(db(), p.id)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await authenticate(db(), policy, p.email, p.password, null)).not.toBeNull();
    const log = await actions(p.id);
    expect(log).toEqual(expect.arrayContaining(["auth.recovery_codes_renewed", "auth.two_factor_disabled"]));
  });
});

describe("codes asked of a signed-in person are limited like sign-in", () => {
  const off = (userId: string, code: string) => turnOffTotp(db(), policy, userId, code, null);
  const renew = (userId: string, code: string) => renewRecoveryCodes(db(), policy, userId, code, null);

  it("refuses even the right code once the wrong ones pass the limit, and keeps two-factor on", async () => {
    const p = await enrolled();
    for (let i = 0; i < policy.maxFailures; i++) {
      // Turning off and renewing share one count: alternating does not buy more guesses.
      await expect((i % 2 ? off : renew)(p.id, wrongOf(codeAt(p.secret)))).rejects.toMatchObject({ code: "bad_request:code" });
    }
    const err = await off(p.id, codeAt(p.secret)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThrottledError);
    expect((err as Error).message).toMatch(/Too many failed sign-ins\. Try again in \d+ minutes?\./);
    await expect(renew(p.id, p.recoveryCodes[0]!)).rejects.toBeInstanceOf(ThrottledError);
    expect(await twoFactorStatus(db(), p.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
  });

  it("starts the count over after a right code", async () => {
    const p = await enrolled();
    for (let i = 0; i < policy.maxFailures - 1; i++) await expect(renew(p.id, wrongOf(codeAt(p.secret)))).rejects.toMatchObject({ code: "bad_request:code" });
    await renew(p.id, p.recoveryCodes[0]!);
    for (let i = 0; i < policy.maxFailures - 1; i++) await expect(off(p.id, wrongOf(codeAt(p.secret)))).rejects.toMatchObject({ code: "bad_request:code" });
    await off(p.id, codeAt(p.secret));
    expect((await twoFactorStatus(db(), p.id)).enabled).toBe(false);
  });
});

describe("a workspace that requires two-factor sign-in", () => {
  it("holds back members without it until they enrol", async () => {
    const p = await person();
    expect(await sessionStatus(db(), p.id, 0)).toBe("current");
    const { workspaces } = await import("@/db/schema");
    await db().update(workspaces).set({ requireTwoFactor: true }).where(eq(workspaces.id, p.workspaceId));
    expect(await sessionStatus(db(), p.id, 0)).toBe("needs_two_factor");
    const { secret } = await startTotpEnrolment(db(), p.id);
    await confirmTotpEnrolment(db(), p.id, codeAt(secret), null);
    expect(await sessionStatus(db(), p.id, 0)).toBe("current");
    expect(await sessionStatus(db(), p.id, 1)).toBe("ended");
  });

  it("records sign-in failures for unknown addresses without a workspace, and never the password", async () => {
    const email = `nobody-${process.pid}@example.test`;
    expect(await authenticate(db(), policy, email, "secret-typed-here", "10.1.2.3")).toBeNull();
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sign_in_failed")));
    const mine = rows.filter((r) => JSON.stringify(r.after).includes(email));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.workspaceId).toBeNull();
    expect(mine[0]!.ip).toBe("10.1.2.3");
    expect(JSON.stringify(rows)).not.toContain("secret-typed-here");
  });
});
