import { apiRoute, idParam } from "../../../_lib/handler";
import { decide } from "@/lib/approvals/workflow";
import { requestOut } from "@/lib/approvals/out";
import { decisionWithCommentSchema } from "@/lib/validation/approvals";
import { otherMethods } from "../../../_lib/methods";

/** Approvers only (designated, or admins): the workflow checks who, beyond reading the content. */
export const POST = apiRoute({ permission: "content:read", body: decisionWithCommentSchema }, async ({ db, actor, params, body }) => {
  const { request, released } = await decide(db, actor, idParam(params, "id", "content"), "request_changes", body);
  return { ...requestOut(request), released_schedules: released?.released ?? 0 };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
