import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { revokeReviewLink } from "@/lib/review-links/manage";
import { otherMethods } from "../../../_lib/methods";
import { linkOut } from "../../_out";

export const POST = apiRoute(operation("post /review-links/{id}/revoke"), async ({ db, actor, params }) =>
  linkOut(await revokeReviewLink(db, actor, idParam(params, "id", "review_link"))),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
