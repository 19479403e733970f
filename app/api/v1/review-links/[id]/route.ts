import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { getReviewLink, revokeReviewLink } from "@/lib/review-links/manage";
import { otherMethods } from "../../_lib/methods";
import { linkOut } from "../_out";

export const GET = apiRoute(operation("get /review-links/{id}"), async ({ db, actor, params }) =>
  linkOut(await getReviewLink(db, actor, idParam(params, "id", "review_link"))),
);

export const DELETE = apiRoute(operation("delete /review-links/{id}"), async ({ db, actor, params }) => {
  await revokeReviewLink(db, actor, idParam(params, "id", "review_link"));
  return noContent();
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods(["GET", "DELETE"]);
