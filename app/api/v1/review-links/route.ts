import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { appKeyring } from "@/lib/crypto/keyring";
import { createReviewLink, listReviewLinks } from "@/lib/review-links/manage";
import { otherMethods } from "../_lib/methods";
import { linkOut } from "./_out";

export const GET = apiRoute(operation("get /review-links"), async ({ db, actor }) => ({ items: (await listReviewLinks(db, actor)).map(linkOut) }));

export const POST = apiRoute(operation("post /review-links"), async ({ db, actor, body }) => {
  const link = await createReviewLink(db, appKeyring(), actor, body);
  return created(linkOut({ link, decisions: [] }));
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
