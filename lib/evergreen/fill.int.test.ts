import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { auditLog, evergreenCategories, evergreenPlacements, platformAccounts, publishingEvents, schedules } from "@/db/schema";
import { createContent, updateContent } from "@/lib/content";
import { decide, submitForApproval } from "@/lib/approvals/workflow";
import { setApprovalPolicy } from "@/lib/approvals/policy";
import { createSchedules } from "@/lib/scheduling/create";
import { jobDraft } from "@/lib/publishing/post";
import type { Job } from "@/db/queries/publishing-job";
import { seededRandom } from "@/lib/random";
import { addCategoryItems, createCategory, describeCategory, fillCategoryNow } from "./index";
import { fillEvergreen } from "./job";
import { ordered } from "./fill";
import * as list from "@/app/api/v1/categories/route";
import * as one from "@/app/api/v1/categories/[id]/route";
import * as items from "@/app/api/v1/categories/[id]/items/route";
import * as fill from "@/app/api/v1/categories/[id]/fill/route";

const ref = withTestDatabase();
const db = () => ref.current.db;
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
// 2031-03-03 is a Monday; every test fills the week after this instant.
const NOW = new Date("2031-03-03T00:00:00Z");
const DAILY = (times: string[]) => ({ timezone: "UTC", slots: [{ days: [0, 1, 2, 3, 4, 5, 6], times }] });

let seq = 0;
async function account(platform: "sandbox" | "x", times: string[], config: Record<string, unknown> = {}) {
  const [a] = await db()
    .insert(platformAccounts)
    .values({ workspaceId: A.workspace.id, platform, name: `${platform} ${seq++}`, postingSlots: DAILY(times), config })
    .returning();
  return a!.id;
}

async function item(title: string, opts: { approved?: boolean } = { approved: true }) {
  const made = await createContent(db(), A.actors.editor, { title, content: `${title}: a tip worth repeating.` } as never);
  if (opts.approved) {
    await submitForApproval(db(), A.actors.editor, made.id);
    await decide(db(), A.actors.admin, made.id, "approve", {});
  }
  return made.id;
}

async function category(accounts: string[], ids: string[], rules: { min_days?: number; max_reposts?: number | null; order?: "oldest_first" | "random" } = {}) {
  const c = await createCategory(db(), A.actors.editor, {
    name: `Tips ${seq++}`,
    min_days: rules.min_days ?? 1,
    order: rules.order ?? "oldest_first",
    max_reposts: rules.max_reposts ?? null,
    platform_account_ids: accounts,
    active: true,
  });
  await addCategoryItems(db(), A.actors.editor, c.id, { items: ids.map((content_item_id) => ({ content_item_id })) });
  return c.id;
}

const accountSchedules = (accountId: string) =>
  db().select().from(schedules).where(eq(schedules.platformAccountId, accountId)).orderBy(schedules.scheduledTime);

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
});

describe("filling a week of slots", () => {
  it("fills every free slot of the next 7 days once, leaves taken ones, and a second or concurrent run adds nothing", async () => {
    const acc = await account("sandbox", ["09:00", "17:00"]);
    const ids = [];
    for (const t of ["W1", "W2", "W3", "W4", "W5"]) ids.push(await item(t));
    // A post of someone's already sits in Wednesday 09:00: that slot is not empty.
    const own = await item("Hand-placed");
    await createSchedules(
      db(),
      A.actors.editor,
      { content_item_id: own, platform_account_id: acc, scheduled_time: "2031-03-05T09:00", timezone: "UTC" } as never,
      NOW,
    );
    const cat = await category([acc], ids);

    const [r1, r2] = await Promise.all([
      fillCategoryNow(db(), A.actors.editor, cat, { days: 7 }, NOW),
      fillCategoryNow(db(), A.actors.editor, cat, { days: 7 }, NOW),
    ]);
    expect(r1.placed.length + r2.placed.length).toBe(13);
    const rows = await accountSchedules(acc);
    const times = rows.map((r) => r.scheduledTime.toISOString());
    const expected: string[] = [];
    for (let d = 3; d <= 9; d++) for (const h of ["09", "17"]) expected.push(`2031-03-${String(d).padStart(2, "0")}T${h}:00:00.000Z`);
    expect(times).toEqual(expected); // every slot once, the hand-placed one included
    expect(new Set(times).size).toBe(times.length);
    expect(rows.filter((r) => r.contentItemId === own)).toHaveLength(1);
    // Each re-post is a schedule of its own, with its own exactly-once key and evergreen mark.
    const recycled = rows.filter((r) => r.contentItemId !== own);
    expect(new Set(recycled.map((r) => r.idempotencyKey)).size).toBe(13);
    expect(recycled.every((r) => (r.metadata as { evergreen?: { category_id?: string } }).evergreen?.category_id === cat)).toBe(true);

    // The periodic job over the same week finds nothing left to fill.
    expect(await fillEvergreen(db(), NOW)).toBe(0);
    expect(await accountSchedules(acc)).toHaveLength(14);
    const events = await db()
      .select()
      .from(publishingEvents)
      .where(and(eq(publishingEvents.workspaceId, A.workspace.id), eq(publishingEvents.type, "evergreen_scheduled")));
    expect(events.filter((e) => (e.data as { platform_account_id: string }).platform_account_id === acc)).toHaveLength(13);
    expect((await db().select().from(auditLog).where(eq(auditLog.entityId, cat))).some((a) => a.action === "evergreen.fill")).toBe(true);
    const shown = await describeCategory(db(), A.actors.viewer, cat, NOW);
    expect(shown.upcoming.length).toBe(13);
  });

  it("the slot index refuses a second placement in one slot", async () => {
    const acc = await account("sandbox", ["08:00"]);
    const id = await item("Slot guard");
    const v = { workspaceId: A.workspace.id, contentItemId: id, platformAccountId: acc, slotAt: new Date("2031-03-04T08:00:00Z") };
    await db().insert(evergreenPlacements).values(v);
    await expect(db().insert(evergreenPlacements).values(v)).rejects.toThrow();
  });
});

describe("re-post rules", () => {
  it("keeps min_days between two posts of an item on an account, and stops at max_reposts", async () => {
    const capped = await account("sandbox", ["09:00"]);
    const free = await account("sandbox", ["09:00"]);
    const id = await item("Spaced");
    const c1 = await category([capped], [id], { min_days: 3, max_reposts: 2 });
    const c2 = await category([free], [id], { min_days: 3 });
    const r1 = await fillCategoryNow(db(), A.actors.editor, c1, { days: 7 }, NOW);
    expect(r1.placed.map((p) => p.local_time)).toEqual(["2031-03-03T09:00", "2031-03-06T09:00"]);
    expect(r1.skipped).toEqual([expect.objectContaining({ content_item_id: id, code: "max_reposts" })]);
    const r2 = await fillCategoryNow(db(), A.actors.editor, c2, { days: 7 }, NOW);
    expect(r2.placed.map((p) => p.local_time)).toEqual(["2031-03-03T09:00", "2031-03-06T09:00", "2031-03-09T09:00"]);
    expect(r2.unfilled).toBe(4);
    expect(r2.skipped).toEqual([]); // waiting out min_days after a post is no skip
    const shown = await describeCategory(db(), A.actors.viewer, c1, NOW);
    expect(shown.skipped[0]).toMatchObject({ code: "max_reposts", platform_account_id: capped });
  });

  it("oldest_first takes never-posted items in the order added, then the one posted longest ago", async () => {
    const acc = await account("sandbox", ["10:00"]);
    const old = await item("Posted before");
    const [a, b] = [await item("Never A"), await item("Never B")];
    const when = new Date("2031-02-10T10:00:00Z");
    await db().insert(schedules).values({
      workspaceId: A.workspace.id,
      contentItemId: old,
      platformAccountId: acc,
      platformId: "sandbox",
      scheduledTime: when,
      originalTime: when,
      localTime: "2031-02-10T10:00",
      publishStatus: "published",
    });
    const cat = await category([acc], [old, a, b], { min_days: 7 });
    const r = await fillCategoryNow(db(), A.actors.editor, cat, { days: 3 }, NOW);
    expect(r.placed.map((p) => p.title)).toEqual(["Never A", "Never B", "Posted before"]);
  });

  it("random order is repeatable with a seed and does not follow the order added", async () => {
    const [p, q] = [await account("sandbox", ["11:00"]), await account("sandbox", ["11:00"])];
    const ids = [];
    for (const t of ["R1", "R2", "R3", "R4", "R5"]) ids.push(await item(t));
    const [c1, c2] = [await category([p], ids, { order: "random", min_days: 30 }), await category([q], ids, { order: "random", min_days: 30 })];
    const r1 = await fillCategoryNow(db(), A.actors.editor, c1, { days: 5, seed: 7 }, NOW);
    const r2 = await fillCategoryNow(db(), A.actors.editor, c2, { days: 5, seed: 7 }, NOW);
    expect(r1.placed.map((x) => x.title)).toEqual(r2.placed.map((x) => x.title));
    expect(new Set(r1.placed.map((x) => x.title)).size).toBe(5);
    // Over seeds, the first pick is not always the first item added.
    const items = ids.map((id, i) => ({ row: { id } as never, times: [], reposts: 0, history: [], baseText: null, rotation: [], i }));
    const firsts = new Set(Array.from({ length: 20 }, (_, s) => (ordered(items, "random", 0, seededRandom(s))[0] as unknown as { i: number }).i));
    expect(firsts.size).toBeGreaterThan(1);
    expect(ordered(items, "oldest_first", 0, seededRandom(1)).map((x) => (x as unknown as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("platforms that refuse identical text", () => {
  it("rotates an item's variants on X, and skips with the reason when there is no other text", async () => {
    const x = await account("x", ["12:00"]);
    const rich = await item("Rotating");
    const bare = await item("Single text");
    const cat = await category([x], [rich], { min_days: 1 });
    await addCategoryItems(db(), A.actors.admin, cat, { items: [{ content_item_id: rich, texts: ["Alt one", "Alt two"] }] });
    const r = await fillCategoryNow(db(), A.actors.editor, cat, { days: 4 }, NOW);
    const base = "Rotating: a tip worth repeating.";
    expect(r.placed.map((p) => p.text)).toEqual([base, "Alt one", "Alt two", base]);

    const x2 = await account("x", ["12:00"]);
    const lone = await category([x2], [bare], { min_days: 1 });
    const r2 = await fillCategoryNow(db(), A.actors.editor, lone, { days: 3 }, NOW);
    expect(r2.placed).toHaveLength(1);
    expect(r2.skipped).toEqual([
      expect.objectContaining({ content_item_id: bare, code: "identical_text", reason: "X refuses identical text; add a variant." }),
    ]);

    // What the engine sends is the rotated text.
    const [row] = await db().select().from(schedules).where(eq(schedules.id, r.placed[1]!.schedule_id));
    const job = {
      schedule: row,
      content: { contentType: "post", title: "Rotating", content: base, tags: [] },
      variant: undefined,
      media: [],
    } as unknown as Job;
    expect(jobDraft(job).text).toBe("Alt one");
  });
});

describe("approval", () => {
  it("never recycles unapproved content, nor an approved item edited since under a covered role", async () => {
    const acc = await account("sandbox", ["13:00"]);
    const draft = await item("Unreviewed", { approved: false });
    const edited = await item("Edited after approval");
    const good = await item("Approved");
    await setApprovalPolicy(db(), A.actors.admin, { approval_policy: "required_for_all" });
    try {
      await updateContent(db(), A.actors.editor, edited, { content: "Changed after the approval." } as never);
      const cat = await category([acc], [draft, edited, good], { min_days: 1 });
      const r = await fillCategoryNow(db(), A.actors.editor, cat, { days: 3 }, NOW);
      expect(new Set(r.placed.map((p) => p.content_item_id))).toEqual(new Set([good]));
      expect(
        r.skipped
          .filter((s) => s.code === "not_approved")
          .map((s) => s.content_item_id)
          .sort(),
      ).toEqual([draft, edited].sort());
      const placedIds = (await accountSchedules(acc)).map((s) => s.contentItemId);
      expect(placedIds).not.toContain(draft);
      expect(placedIds).not.toContain(edited);
      // Variant texts go out unreviewed, so an editor under this policy may not write them.
      await expect(addCategoryItems(db(), A.actors.editor, cat, { items: [{ content_item_id: good, texts: ["Sneaky"] }] })).rejects.toMatchObject({
        code: "forbidden:needs_approval",
      });
    } finally {
      await setApprovalPolicy(db(), A.actors.admin, { approval_policy: "off" });
    }
  });
});

describe("the categories API", () => {
  it("creates, fills and shows a category, and answers bad input with a 4xx that changes nothing", async () => {
    const acc = await account("sandbox", ["15:00"]);
    const id = await item("API tip");
    const count = async () => (await db().select({ id: evergreenCategories.id }).from(evergreenCategories)).length;
    const before = await count();
    for (const body of [
      { name: "" },
      { name: "Bad", min_days: 0 },
      { name: "Bad", order: "newest" },
      { name: "Bad", max_reposts: -1 },
      { name: "Bad", color: "red" },
      { name: "Bad", extra: true },
      { name: "Bad", platform_account_ids: ["00000000-0000-4000-8000-000000000000"] },
    ]) {
      const r = await call(list.POST, { method: "POST", token: A.tokens.editor, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(list.POST, { method: "POST", token: A.tokens.viewer, body: { name: "Viewer" } })).status).toBe(403);
    expect(await count()).toBe(before);

    const made = await call(list.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { name: "API tips", color: "#22aa88", platform_account_ids: [acc], min_days: 2 },
    });
    expect(made.status).toBe(201);
    const cid = made.json!.id as string;
    expect((await call(list.POST, { method: "POST", token: A.tokens.editor, body: { name: "api TIPS" } })).status).toBe(409);
    expect((await call(one.GET, { token: A.tokens.viewer, params: { id: "00000000-0000-4000-8000-000000000000" } })).status).toBe(404);
    expect((await call(one.GET, { token: A.tokens.viewer, params: { id: "nope" } })).status).toBe(404);
    const missing = await call(items.POST, {
      method: "POST",
      token: A.tokens.editor,
      params: { id: cid },
      body: { items: [{ content_item_id: "00000000-0000-4000-8000-000000000000" }] },
    });
    expect(missing.status).toBe(404);
    expect((await call(items.POST, { method: "POST", token: A.tokens.editor, params: { id: cid }, body: { items: [] } })).status).toBe(400);
    expect((await call(items.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id: cid }, body: { content_item_ids: [] } })).status).toBe(400);
    expect((await call(fill.POST, { method: "POST", token: A.tokens.editor, params: { id: cid }, body: { days: 0 } })).status).toBe(400);
    expect((await call(fill.POST, { method: "POST", token: A.tokens.viewer, params: { id: cid }, body: {} })).status).toBe(403);
    expect((await call(one.GET, { token: A.tokens.viewer, params: { id: cid } })).json!.items).toEqual([]);

    const added = await call(items.POST, { method: "POST", token: A.tokens.editor, params: { id: cid }, body: { items: [{ content_item_id: id }] } });
    expect(added.status).toBe(200);
    expect(added.json!.items).toHaveLength(1);
    const paused = await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: cid }, body: { active: false } });
    expect(paused.json).toMatchObject({ active: false, item_count: 1 });
    expect((await call(fill.POST, { method: "POST", token: A.tokens.editor, params: { id: cid }, body: {} })).status).toBe(409);
    expect((await accountSchedules(acc)).length).toBe(0);
    await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: cid }, body: { active: true } });
    const filled = await call(fill.POST, { method: "POST", token: A.tokens.editor, params: { id: cid }, body: { days: 7 } });
    expect(filled.status).toBe(200);
    expect(filled.json!.placed.length).toBeGreaterThan(0);
    expect((await accountSchedules(acc)).length).toBe(filled.json!.placed.length);
    const shown = await call(one.GET, { token: A.tokens.viewer, params: { id: cid } });
    expect(shown.json!.upcoming).toHaveLength(filled.json!.placed.length);
    const removed = await call(items.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id: cid }, body: { content_item_ids: [id] } });
    expect(removed.json!.items).toEqual([]);
    expect((await call(one.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id: cid } })).status).toBe(204);
    // The posts it placed stay as ordinary schedules.
    expect((await accountSchedules(acc)).length).toBe(filled.json!.placed.length);
  });
});
