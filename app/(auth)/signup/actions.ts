"use server";
import { publicAction } from "@/app/_server/action";
import { getDb } from "@/db";
import { signUp } from "@/lib/workspaces";
import { signUpSchema } from "@/lib/validation/identity";

export const signUpAction = publicAction(signUpSchema, async ({ input }) => {
  const { user } = await signUp(await getDb(), input);
  return { email: user.email };
});
