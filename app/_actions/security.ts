"use server";
import { z } from "zod";
import { userAction } from "@/app/_server/action";
import { requestIp } from "@/app/_server/session";
import { getConfig } from "@/lib/config";
import { changePassword } from "@/lib/auth/password-reset";
import { sessionRefreshTicket } from "@/lib/auth/session-check";
import { confirmTotpEnrolment, renewRecoveryCodes, startTotpEnrolment, turnOffTotp } from "@/lib/auth/two-factor";
import { changePasswordSchema, secondFactorCodeSchema } from "@/lib/validation/identity";

// These concern the person, not a workspace: a session is enough, so someone a workspace holds
// back until they enrol can still enrol.
const codeInput = z.object({ code: secondFactorCodeSchema });

function throttlePolicy() {
  const cfg = getConfig();
  return { maxFailures: cfg.authMaxFailedAttempts, lockoutMinutes: cfg.authLockoutMinutes };
}

export const startTwoFactorAction = userAction(z.object({}), async ({ db, user }) => {
  const { secret, qrSvg } = await startTotpEnrolment(db, user.id);
  return { secret, qrSvg, account: user.email };
});

export const confirmTwoFactorAction = userAction(codeInput, async ({ db, user, input }) => {
  // No revalidation here: a refresh now would replace the recovery codes before they are saved;
  // the form refreshes once the person has them.
  return confirmTotpEnrolment(db, user.id, input.code, await requestIp());
});

export const disableTwoFactorAction = userAction(codeInput, async ({ db, user, input }) => {
  await turnOffTotp(db, throttlePolicy(), user.id, input.code, await requestIp());
  return null;
});

export const renewRecoveryCodesAction = userAction(codeInput, async ({ db, user, input }) => {
  return renewRecoveryCodes(db, throttlePolicy(), user.id, input.code, await requestIp());
});

/**
 * Changes the password and ends every other session. This session gets a short-lived ticket to
 * carry the new session version into its own token (posted to next-auth's session update).
 */
export const changePasswordAction = userAction(changePasswordSchema, async ({ db, user, input }) => {
  const cfg = getConfig();
  const { sessionVersion } = await changePassword(db, throttlePolicy(), user, input.current, input.password, await requestIp());
  return { ticket: sessionRefreshTicket(cfg.nextauthSecret, user.id, sessionVersion) };
});
