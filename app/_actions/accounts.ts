"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { connectFromInput, updateAndVerify } from "@/lib/accounts/connect";
import { accountDeps } from "@/lib/accounts/deps";
import { deletePlatformAccount } from "@/lib/accounts/manage";
import { startOAuth } from "@/lib/accounts/oauth";
import { verifyPlatformAccount } from "@/lib/accounts/verify";
import { accountCreateSchema, accountPatchSchema, oauthStartSchema } from "@/lib/validation/accounts";

// Settings → Accounts: the same lib functions and schemas as /api/v1/platform-accounts.
const done = <T>(value: T) => {
  actionRuntime.revalidate("/settings/accounts");
  return value;
};
const byId = z.object({ id: z.uuid() });

/** Adds the account after asking the platform: the answer says whether it works, and why not. */
export const createAccountAction = action(operation("post /platform-accounts"), accountCreateSchema, async ({ db, actor, input }) => {
  const { account: a, verifiedName } = await connectFromInput(db, actor, accountDeps(db), input);
  return done({ id: a.id, name: a.name, status: a.status, reason: a.statusReason, verifiedAs: verifiedName });
});

export const updateAccountAction = action(
  operation("patch /platform-accounts/{id}"),
  z.object({ id: z.uuid(), patch: accountPatchSchema }),
  async ({ db, actor, input }) => {
    const a = await updateAndVerify(db, actor, accountDeps(db), input.id, input.patch);
    return done({ id: a.id, name: a.name, status: a.status, reason: a.statusReason });
  },
);

export const deleteAccountAction = action(operation("delete /platform-accounts/{id}"), byId, async ({ db, actor, input }) => {
  await deletePlatformAccount(db, actor, accountDeps(db).keyring, input.id);
  return done({ id: input.id });
});

export const verifyAccountAction = action(operation("post /platform-accounts/{id}/verify"), byId, async ({ db, actor, input }) => {
  const a = await verifyPlatformAccount(db, actor, accountDeps(db), input.id);
  return done({ id: a.id, name: a.name, status: a.status, reason: a.statusReason });
});

export const startOAuthAction = action(operation("post /platform-accounts/oauth/start"), oauthStartSchema, async ({ db, actor, input }) => {
  const r = await startOAuth(db, actor, accountDeps(db), input);
  return { authorizeUrl: r.authorizeUrl };
});
