import type { Db } from "@/db/client";
import { itemsScheduledIn } from "@/db/queries/review-links";
import { REVIEW_LINK_MAX_ITEMS } from "../validation/review-links";

/** The posts a calendar range covers: those with a live schedule in it, first come first. */
export async function itemsInRange(db: Db, workspaceId: string, from: Date, to: Date) {
  return itemsScheduledIn(db, workspaceId, from, to, REVIEW_LINK_MAX_ITEMS);
}
