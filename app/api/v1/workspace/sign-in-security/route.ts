import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { otherMethods } from "../../_lib/methods";
import { setTwoFactorRequirement, signInSecurityOf } from "@/lib/auth/workspace-security";

export const GET = apiRoute(operation("get /workspace/sign-in-security"), async ({ db, actor }) => signInSecurityOf(db, actor));

export const PUT = apiRoute(operation("put /workspace/sign-in-security"), async ({ db, actor, body }) => {
  await setTwoFactorRequirement(db, actor, body.require_two_factor);
  return signInSecurityOf(db, actor);
});

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "PUT"]);
