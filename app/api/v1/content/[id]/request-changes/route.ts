import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { decide } from "@/lib/approvals/workflow";
import { requestOut } from "@/lib/approvals/out";
import { otherMethods } from "../../../_lib/methods";

/** Approvers only (designated, or admins): the workflow checks who, beyond reading the content. */
export const POST = apiRoute(operation("post /content/{id}/request-changes"), async ({ db, actor, params, body }) => {
  const { request, released } = await decide(db, actor, idParam(params, "id", "content"), "request_changes", body);
  return { ...requestOut(request), released_schedules: released?.released ?? 0 };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
