"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action } from "@/app/_server/action";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { roleSchema } from "@/lib/validation/identity";

export const createTokenAction = action(
  operation("post /tokens"),
  z.object({ name: z.string().trim().min(1, "name is required").max(80), role: roleSchema }),
  async ({ db, actor, input }) => {
    const t = await createApiToken(db, actor, input);
    revalidatePath("/settings/tokens");
    return { id: t.id, name: t.name, token: t.token };
  },
);

export const revokeTokenAction = action(operation("delete /tokens/{id}"), z.object({ id: z.uuid() }), async ({ db, actor, input }) => {
  await revokeApiToken(db, actor, input.id);
  revalidatePath("/settings/tokens");
  return null;
});
