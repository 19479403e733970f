import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { submitForApproval } from "@/lib/approvals/workflow";
import { findingsOut, requestOut } from "@/lib/approvals/out";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute(operation("post /content/{id}/submit"), async ({ db, actor, params, body }) => {
  const { request, findings } = await submitForApproval(db, actor, idParam(params, "id", "content"), body);
  return { ...requestOut(request), findings: findingsOut(findings) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
