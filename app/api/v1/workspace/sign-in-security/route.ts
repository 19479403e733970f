import { apiRoute } from "../../_lib/handler";
import { otherMethods } from "../../_lib/methods";
import { signInSecuritySchema } from "@/lib/validation/identity";
import { setTwoFactorRequirement, signInSecurityOf } from "@/lib/auth/workspace-security";

export const GET = apiRoute({ permission: "workspace:read" }, async ({ db, actor }) => signInSecurityOf(db, actor));

export const PUT = apiRoute({ permission: "members:manage", body: signInSecuritySchema }, async ({ db, actor, body }) => {
  await setTwoFactorRequirement(db, actor, body.require_two_factor);
  return signInSecurityOf(db, actor);
});

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "PUT"]);
