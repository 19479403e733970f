import { apiRoute, created, idParam } from "../../../_lib/handler";
import { addReviewComment, listReviewComments } from "@/lib/approvals/comments";
import { commentCreateSchema } from "@/lib/validation/approvals";
import { otherMethods } from "../../../_lib/methods";

export const GET = apiRoute({ permission: "content:read" }, async ({ db, actor, params }) => ({
  items: await listReviewComments(db, actor, idParam(params, "id", "content")),
}));

/** Editors, admins and designated approvers; the workflow checks. */
export const POST = apiRoute({ permission: "content:read", body: commentCreateSchema }, async ({ db, actor, params, body }) =>
  created(await addReviewComment(db, actor, idParam(params, "id", "content"), body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
