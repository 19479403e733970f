import { beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { platformAccounts, schedules } from "@/db/schema";
import * as content from "./content/route";
import * as bulk from "./schedules/bulk/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let sandbox: string;
let instagram: string;

async function items(n: number, body: Record<string, unknown> = {}) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await call(content.POST, { method: "POST", token: A.tokens.editor, body: { title: `Bulk ${i}`, content: `Body ${i}`, ...body } })).json!.id);
  return ids;
}

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  const rows = await ref.current.db
    .insert(platformAccounts)
    .values([
      { workspaceId: A.workspace.id, platform: "sandbox", name: "S" },
      { workspaceId: A.workspace.id, platform: "instagram", name: "IG" },
    ])
    .returning();
  sandbox = rows[0]!.id;
  instagram = rows[1]!.id;
});

describe("bulk scheduling", () => {
  it("places every item on the pattern, on every account", async () => {
    const ids = await items(3);
    const r = await call(bulk.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: {
        content_item_ids: ids,
        platform_account_ids: [sandbox],
        pattern: {
          type: "weekly_slots",
          start_date: "2031-03-03",
          end_date: "2031-03-16",
          days: ["tue", "thu"],
          times: ["10:00"],
          timezone: "America/Chicago",
        },
      },
    });
    expect(r.status).toBe(201);
    expect(r.json!.total_schedules).toBe(3);
    expect(r.json!.items.map((i: { local_time: string }) => i.local_time)).toEqual(["2031-03-04T10:00", "2031-03-06T10:00", "2031-03-11T10:00"]);
    // 2031-03-09 is the US spring-forward day: 10:00 Chicago is 16:00Z before it and 15:00Z after.
    expect(r.json!.items.map((i: { schedules: { scheduled_time: string }[] }) => i.schedules[0]!.scheduled_time.slice(11, 16))).toEqual([
      "16:00",
      "16:00",
      "15:00",
    ]);
  });

  it("keeps nothing when one item of several fails", async () => {
    const good = await items(2);
    const archived = (await items(1))[0]!;
    await call(content.POST, { method: "POST", token: A.tokens.editor, body: { title: "noop", content: "x" } });
    const { archiveContent } = await import("@/lib/content");
    await archiveContent(ref.current.db, A.actors.editor, archived);
    const r = await call(bulk.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: {
        content_item_ids: [...good, archived],
        platform_account_ids: [sandbox],
        pattern: { type: "daily", start_date: "2031-04-10", end_date: "2031-04-20", timezone: "UTC" },
      },
    });
    expect(r.status).toBe(400);
    expect(r.json!.error.details).toEqual([expect.objectContaining({ index: 2, content_item_id: archived, code: "conflict:archived" })]);
    expect(await ref.current.db.select().from(schedules).where(inArray(schedules.contentItemId, good))).toHaveLength(0);
  });

  it("is all or nothing, listing each item that cannot be scheduled", async () => {
    const ids = await items(3);
    const r = await call(bulk.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: {
        content_item_ids: ids,
        platform_account_ids: [sandbox, instagram],
        pattern: { type: "daily", start_date: "2031-04-01", end_date: "2031-04-05", timezone: "UTC" },
      },
    });
    expect(r.status).toBe(400);
    expect(r.json!.error.code).toBe("bad_request:bulk");
    expect(r.json!.error.details).toHaveLength(3);
    expect(r.json!.error.details[0]).toMatchObject({ index: 0, content_item_id: ids[0], code: "bad_request:platform_validation" });
    expect(await ref.current.db.select().from(schedules).where(inArray(schedules.contentItemId, ids))).toHaveLength(0);
  });

  it("refuses a pattern with too few slots and duplicate items", async () => {
    const ids = await items(3);
    const few = await call(bulk.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: {
        content_item_ids: ids,
        platform_account_ids: [sandbox],
        pattern: { type: "daily", start_date: "2031-04-01", end_date: "2031-04-02", timezone: "UTC" },
      },
    });
    expect(few.json!.error.message).toBe("pattern: the pattern has 2 free slots between 2031-04-01 and 2031-04-02 for 3 items");
    const twice = await call(bulk.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: {
        content_item_ids: [ids[0], ids[0]],
        platform_account_ids: [sandbox],
        pattern: { type: "daily", start_date: "2031-04-01", end_date: "2031-04-09", timezone: "UTC" },
      },
    });
    expect(twice.status).toBe(400);
    expect(
      (
        await call(bulk.POST, {
          method: "POST",
          token: A.tokens.viewer,
          body: { content_item_ids: ids, platform_account_ids: [sandbox], pattern: { type: "daily", start_date: "2031-04-01", end_date: "2031-04-09" } },
        })
      ).status,
    ).toBe(403);
  });
});
