/** The periodic fill: every active category keeps its accounts' next week of slots full. */
import type { Db } from "@/db/client";
import { activeCategoryRows } from "@/db/queries/evergreen";
import { log } from "../log";
import type { Actor } from "../auth/actor";
import { fillCategory } from "./fill";

export const FILL_DAYS = 7;

/** Placements made in this pass. One category's failure is logged and leaves the others filling. */
export async function fillEvergreen(db: Db, now: Date, random: () => number = Math.random): Promise<number> {
  let placed = 0;
  for (const { category, approvalPolicy } of await activeCategoryRows(db)) {
    // The runner acts for the workspace; the audit row and the schedules carry no person.
    const actor: Actor = { userId: null, tokenId: null, workspaceId: category.workspaceId, role: "editor" };
    try {
      placed += (await fillCategory(db, actor, category, { now, days: FILL_DAYS, approvalPolicy, random })).placed.length;
    } catch (err) {
      log.error("filling slots from an evergreen category failed", { categoryId: category.id, err });
    }
  }
  return placed;
}
