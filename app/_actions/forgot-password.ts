"use server";
import { after } from "next/server";
import { publicAction } from "@/app/_server/action";
import { requestIp } from "@/app/_server/session";
import { appUrl } from "@/app/_server/links";
import { getDb } from "@/lib/database";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { configuredMailer } from "@/lib/notifications/email";
import { forgotPasswordSchema } from "@/lib/validation/identity";

export const forgotPasswordAction = publicAction(forgotPasswordSchema, async ({ input }) => {
  const mailer = configuredMailer();
  // Without SMTP the page does not offer this; a hand-made request still gets the same answer.
  if (mailer) {
    const ip = await requestIp();
    // Looking up the address and sending happen after the answer, so how long the answer takes
    // says nothing about whether the address exists.
    after(async () => {
      const { delivery } = await requestPasswordReset(await getDb(), { mailer, baseUrl: appUrl() }, input.email, ip);
      await delivery;
    });
  }
  return null;
});
