import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { platformAccounts } from "../schema";

export async function setPostingSlotsRow(db: Db, workspaceId: string, accountId: string, slots: unknown) {
  const [row] = await db
    .update(platformAccounts)
    .set({ postingSlots: slots, updatedAt: new Date() })
    .where(and(eq(platformAccounts.id, accountId), eq(platformAccounts.workspaceId, workspaceId)))
    .returning({ id: platformAccounts.id, postingSlots: platformAccounts.postingSlots });
  return row ?? null;
}
