"use server";
import { publicAction } from "@/app/_server/action";
import { getDb } from "@/lib/database";
import { signUp } from "@/lib/workspaces";
import { signUpSchema } from "@/lib/validation/identity";
import { getConfig } from "@/lib/config";

export const signUpAction = publicAction(signUpSchema, async ({ input }) => {
  const { user } = await signUp(await getDb(), input, { openSignup: getConfig().signupEnabled });
  return { email: user.email };
});
