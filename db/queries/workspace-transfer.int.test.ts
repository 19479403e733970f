import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { TRANSFER_TABLES, transferRows } from "./workspace-transfer";

const ref = withTestDatabase();

describe("transferRows", () => {
  it("pages through uuid, serial and composite keys, every row of the workspace once and no other's", async () => {
    const db = ref.current.db;
    const [a, b] = [await makeWorkspace(db, ["admin"]), await makeWorkspace(db, ["admin"])];
    for (const ws of [a.workspace.id, b.workspace.id]) {
      await db.execute(sql`insert into content_items (workspace_id, title, content) select ${ws}, 't', 'c' from generate_series(1, 3)`);
      await db.execute(sql`insert into content_versions (content_item_id, version, actor_role, change)
        select c.id, g, 'admin', 'x' from content_items c, generate_series(1, 7) g where c.workspace_id = ${ws}`);
      await db.execute(sql`insert into audit_log (workspace_id, action, entity_type) select ${ws}, 'a', 'b' from generate_series(1, 11)`);
    }
    const read = async (kind: string) => {
      const out: Record<string, unknown>[] = [];
      for await (const r of transferRows(db, TRANSFER_TABLES.find((t) => t.kind === kind)!, a.workspace.id, 4)) out.push(r);
      return out;
    };
    const items = await read("content_items");
    expect(items).toHaveLength(3);
    const versions = await read("content_versions");
    expect(new Set(versions.map((v) => `${v.contentItemId}:${v.version}`)).size).toBe(21);
    expect(versions.every((v) => items.some((i) => i.id === v.contentItemId))).toBe(true);
    const audit = await read("audit_log");
    expect(new Set(audit.map((r) => r.id)).size).toBe(11);
    expect(audit.every((r) => r.workspaceId === a.workspace.id)).toBe(true);
  });
});
