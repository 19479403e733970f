"use server";
import { publicAction } from "@/app/_server/action";
import { requestIp } from "@/app/_server/session";
import { getDb } from "@/lib/database";
import { resetPassword } from "@/lib/auth/password-reset";
import { resetPasswordSchema } from "@/lib/validation/identity";

export const resetPasswordAction = publicAction(resetPasswordSchema, async ({ input }) => {
  const { email } = await resetPassword(await getDb(), input.token, input.password, await requestIp());
  return { email };
});
