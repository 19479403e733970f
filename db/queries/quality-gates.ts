import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { workspaces } from "../schema";

/** The stored quality-gate rules of a workspace (unparsed), locking the row when asked. */
export async function getStoredGates(db: Db, workspaceId: string, opts: { forUpdate?: boolean } = {}): Promise<unknown> {
  const q = db
    .select({ gates: sql<unknown>`${workspaces.settings} -> 'quality_gates'` })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row?.gates ?? null;
}

/** Replaces only the `quality_gates` key: other parts of the workspace's settings stay as they are. */
export async function setStoredGates(db: Db, workspaceId: string, gates: unknown) {
  await db
    .update(workspaces)
    .set({ settings: sql`jsonb_set(coalesce(${workspaces.settings}, '{}'::jsonb), '{quality_gates}', ${JSON.stringify(gates)}::jsonb)`, updatedAt: new Date() })
    .where(eq(workspaces.id, workspaceId));
}
