import fs from "node:fs";

type Row = Record<string, unknown>;

/** A member of the exported workspace, as people.ndjson has them. */
export interface Person {
  id: string;
  email: string;
  name: string;
  role: string;
}

/**
 * What of a schedule belongs to the server that ran it, not to the workspace: its Trigger.dev
 * run (this server makes its own), and the idempotency key the platforms saw, which is kept as it
 * was (a key left to default is spelt out with the old id), so a post the old server already
 * sent is recognised rather than sent again. `updated_at` is now, so a Trigger.dev sync pass
 * picks the rows up.
 */
export function schedulesIn(archived: Row, oldId: string): Row {
  const metadata = archived.metadata && typeof archived.metadata === "object" && !Array.isArray(archived.metadata) ? { ...(archived.metadata as Row) } : {};
  delete metadata.trigger;
  const key = typeof archived.idempotency_key === "string" ? archived.idempotency_key : `${oldId}:v${Number(archived.version ?? 1)}`;
  return { triggerRunId: null, metadata, idempotencyKey: key, updatedAt: new Date() };
}

/** Rows of a kind that points at itself (replies), parents before their children. */
export function sortParentsFirst<T extends { row: Row }>(items: T[], parentColumn: string): T[] {
  const byId = new Map(items.map((i) => [String(i.row.id), i]));
  const out: T[] = [];
  const placed = new Set<string>();
  const visit = (item: T, depth: number) => {
    const id = String(item.row.id);
    if (placed.has(id)) return;
    const parent = item.row[parentColumn];
    // A cycle cannot come from a database with the foreign key; the depth guard keeps a forged one finite.
    if (typeof parent === "string" && byId.has(parent) && depth < 10_000) visit(byId.get(parent)!, depth + 1);
    placed.add(id);
    out.push(item);
  };
  for (const i of items) visit(i, 0);
  return out;
}

/** Moves a file, copying across file systems when a rename cannot. */
export async function moveFile(from: string, to: string): Promise<void> {
  try {
    await fs.promises.rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
    await fs.promises.copyFile(from, to);
    await fs.promises.rm(from, { force: true });
  }
}
