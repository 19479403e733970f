import { apiRoute, created, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { addReviewComment, listReviewComments } from "@/lib/approvals/comments";
import { otherMethods } from "../../../_lib/methods";

export const GET = apiRoute(operation("get /content/{id}/comments"), async ({ db, actor, params }) => ({
  items: await listReviewComments(db, actor, idParam(params, "id", "content")),
}));

/** Editors, admins and designated approvers; the workflow checks. */
export const POST = apiRoute(operation("post /content/{id}/comments"), async ({ db, actor, params, body }) =>
  created(await addReviewComment(db, actor, idParam(params, "id", "content"), body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
