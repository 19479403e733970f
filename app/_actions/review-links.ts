"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { appKeyring } from "@/lib/crypto/keyring";
import { getConfig } from "@/lib/config";
import { createReviewLink, linkUrl, revokeReviewLink } from "@/lib/review-links/manage";
import { reviewLinkCreateSchema } from "@/lib/validation/review-links";

/** The same lib functions as POST /api/v1/review-links and POST /api/v1/review-links/{id}/revoke. */
export const createReviewLinkAction = action(operation("post /review-links"), reviewLinkCreateSchema, async ({ db, actor, input }) => {
  const link = await createReviewLink(db, appKeyring(), actor, input);
  actionRuntime.revalidate("/settings/review-links");
  return { id: link.id, url: linkUrl(appKeyring(), link, getConfig().publicUrl ?? getConfig().nextauthUrl) };
});

export const revokeReviewLinkAction = action(operation("post /review-links/{id}/revoke"), z.object({ id: z.uuid() }), async ({ db, actor, input }) => {
  await revokeReviewLink(db, actor, input.id);
  actionRuntime.revalidate("/settings/review-links");
  return { ok: true };
});
