import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { contentItems, platformAccounts, schedules } from "@/db/schema";
import * as content from "./content/route";
import * as list from "./schedules/route";
import * as one from "./schedules/[id]/route";
import * as pause from "./schedules/[id]/pause/route";
import * as resume from "./schedules/[id]/resume/route";
import * as cancel from "./schedules/[id]/cancel/route";
import * as clone from "./schedules/[id]/clone/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
const acc = {} as Record<"sandbox" | "x" | "instagram" | "bluesky" | "foreign", string>;

async function account(workspaceId: string, platform: string) {
  const [a] = await ref.current.db
    .insert(platformAccounts)
    .values({ workspaceId, platform, name: `${platform} account` })
    .returning({ id: platformAccounts.id });
  return a!.id;
}
async function item(token: string, body: Record<string, unknown> = {}) {
  const r = await call(content.POST, { method: "POST", token, body: { title: "Post", content: "Hello world", ...body } });
  expect(r.status).toBe(201);
  return r.json!.id as string;
}
const post = (token: string, body: Record<string, unknown>, headers?: Record<string, string>) => call(list.POST, { method: "POST", token, body, headers });
const future = (days: number, time = "09:00") => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${time}`;
};

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
  for (const p of ["sandbox", "x", "instagram", "bluesky"] as const) acc[p] = await account(A.workspace.id, p);
  acc.foreign = await account(B.workspace.id, "sandbox");
});

describe("creating schedules", () => {
  it("schedules one item on several accounts, keeping the wall time and zone, and marks the item scheduled", async () => {
    const id = await item(A.tokens.editor);
    const when = future(10, "09:30");
    const r = await post(A.tokens.editor, { content_item_id: id, platform_account_ids: [acc.sandbox, acc.x], scheduled_time: when, timezone: "Europe/Berlin" });
    expect(r.status).toBe(201);
    expect(r.json!.schedules).toHaveLength(2);
    const [s] = r.json!.schedules;
    expect(s).toMatchObject({ publish_status: "pending", local_time: when, timezone: "Europe/Berlin", platform_id: expect.stringMatching(/sandbox|x/) });
    // 09:30 in Berlin is 07:30 or 08:30 UTC depending on the season.
    expect(["07:30", "08:30"]).toContain(s.scheduled_time.slice(11, 16));
    const got = await call(one.GET, { token: A.tokens.viewer, params: { id: s.id } });
    expect(Object.keys(got.json!)).toEqual(
      expect.arrayContaining([
        "publish_status",
        "platform_post_id",
        "platform_post_url",
        "error_message",
        "retry_count",
        "max_retries",
        "retry_strategy",
        "timezone",
        "scheduled_time",
        "local_time",
        "priority",
        "missed_policy",
        "version",
      ]),
    );
    expect(got.json).toMatchObject({
      retry_strategy: "exponential",
      max_retries: 3,
      priority: "normal",
      missed_policy: "publish_late",
      retry_count: 0,
      version: 1,
    });
    const [c] = await ref.current.db.select().from(contentItems).where(eq(contentItems.id, id));
    expect(c!.status).toBe("scheduled");
    expect(c!.scheduledFor?.toISOString()).toBe(s.scheduled_time);
  });

  it("reads a time with an offset as that instant, whatever the zone", async () => {
    const id = await item(A.tokens.editor);
    const r = await post(A.tokens.editor, {
      content_item_id: id,
      platform_account_id: acc.sandbox,
      scheduled_time: "2031-06-01T09:00:00+02:00",
      timezone: "America/New_York",
    });
    expect(r.json!.schedules[0]).toMatchObject({ scheduled_time: "2031-06-01T07:00:00.000Z", local_time: "2031-06-01T03:00", timezone: "America/New_York" });
  });

  it("refuses a nonexistent local time, an unknown zone, a past time and a bad date, saying which and why", async () => {
    const id = await item(A.tokens.editor);
    const gap = await post(A.tokens.editor, {
      content_item_id: id,
      platform_account_id: acc.sandbox,
      scheduled_time: "2031-03-09T02:30",
      timezone: "America/New_York",
    });
    expect(gap.status).toBe(400);
    expect(gap.json!.error.code).toBe("bad_request:nonexistent_time");
    expect(gap.json!.error.message).toMatch(/does not exist in America\/New_York/);
    const zone = await post(A.tokens.editor, { content_item_id: id, platform_account_id: acc.sandbox, scheduled_time: future(3), timezone: "Mars/Olympus" });
    expect(zone.json!.error.code).toBe("bad_request:invalid_timezone");
    const past = await post(A.tokens.editor, { content_item_id: id, platform_account_id: acc.sandbox, scheduled_time: "2020-01-01T09:00:00Z" });
    expect(past.json!.error.code).toBe("bad_request:past_time");
    const bad = await post(A.tokens.editor, { content_item_id: id, platform_account_id: acc.sandbox, scheduled_time: "2031-02-30T10:00", timezone: "UTC" });
    expect(bad.json!.error.code).toBe("bad_request:invalid_time");
    const both = await post(A.tokens.editor, {
      content_item_id: id,
      platform_account_id: acc.sandbox,
      platform_account_ids: [acc.x],
      scheduled_time: future(3),
    });
    expect(both.status).toBe(400);
    expect((await ref.current.db.select().from(schedules).where(eq(schedules.contentItemId, id))).length).toBe(0);
  });

  it("checks the item against each platform's rules, all or nothing", async () => {
    const textOnly = await item(A.tokens.editor);
    const ig = await post(A.tokens.editor, { content_item_id: textOnly, platform_account_ids: [acc.sandbox, acc.instagram], scheduled_time: future(3) });
    expect(ig.status).toBe(400);
    expect(ig.json!.error.code).toBe("bad_request:platform_validation");
    expect(ig.json!.error.details).toEqual([expect.objectContaining({ platform: "instagram", field: "media" })]);
    expect(ig.json!.error.message).toMatch(/Instagram cannot publish text-only posts/);
    const long = await item(A.tokens.editor, { content: "a".repeat(281) });
    const x = await post(A.tokens.editor, { content_item_id: long, platform_account_id: acc.x, scheduled_time: future(3) });
    expect(x.json!.error.details[0]).toMatchObject({ platform: "x", field: "text" });
    const emoji = await item(A.tokens.editor, { content: "👍🏽".repeat(301) });
    const bsky = await post(A.tokens.editor, { content_item_id: emoji, platform_account_id: acc.bluesky, scheduled_time: future(3) });
    expect(bsky.json!.error.details[0]).toMatchObject({ platform: "bluesky", field: "text" });
    const fits = await item(A.tokens.editor, { content: "👍🏽".repeat(150) });
    expect((await post(A.tokens.editor, { content_item_id: fits, platform_account_id: acc.bluesky, scheduled_time: future(3) })).status).toBe(201);
    expect((await ref.current.db.select().from(schedules).where(eq(schedules.contentItemId, textOnly))).length).toBe(0);
  });

  it("answers 404 for another workspace's item or account", async () => {
    const mine = await item(A.tokens.editor);
    const theirs = await item(B.tokens.editor);
    expect((await post(A.tokens.editor, { content_item_id: theirs, platform_account_id: acc.sandbox, scheduled_time: future(3) })).status).toBe(404);
    const foreign = await post(A.tokens.editor, { content_item_id: mine, platform_account_id: acc.foreign, scheduled_time: future(3) });
    expect(foreign.status).toBe(404);
    expect(foreign.json!.error.code).toBe("not_found:platform_account");
  });

  it("replays an Idempotency-Key instead of scheduling twice", async () => {
    const id = await item(A.tokens.editor);
    const body = { content_item_id: id, platform_account_id: acc.sandbox, scheduled_time: future(5) };
    const a = await post(A.tokens.editor, body, { "idempotency-key": "sched-1" });
    const b = await post(A.tokens.editor, body, { "idempotency-key": "sched-1" });
    expect(b.json).toEqual(a.json);
    expect((await ref.current.db.select().from(schedules).where(eq(schedules.contentItemId, id))).length).toBe(1);
    expect((await post(A.tokens.editor, { ...body, scheduled_time: future(6) }, { "idempotency-key": "sched-1" })).status).toBe(409);
  });
});

describe("changing schedules", () => {
  it("refuses a version past the integer column with a 400, not a 500 (found by the fuzz suite)", async () => {
    const id = await item(A.tokens.editor);
    const s = (await post(A.tokens.editor, { content_item_id: id, platform_account_id: acc.sandbox, scheduled_time: future(4), timezone: "UTC" })).json!
      .schedules[0].id;
    for (const version of [2_147_483_648, Number.MAX_SAFE_INTEGER]) {
      const r = await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: s }, body: { priority: "high", version } });
      expect(r.status).toBe(400);
      expect(r.json!.error).toMatchObject({ code: "bad_request:validation", details: [expect.objectContaining({ field: "version" })] });
    }
    const [row] = await ref.current.db.select({ priority: schedules.priority, version: schedules.version }).from(schedules).where(eq(schedules.id, s));
    expect(row).toEqual({ priority: "normal", version: 1 });
  });
  it("reschedules with a new version, pauses, resumes, cancels, clones, and refuses changes once published", async () => {
    const id = await item(A.tokens.editor);
    const s = (await post(A.tokens.editor, { content_item_id: id, platform_account_id: acc.sandbox, scheduled_time: future(4), timezone: "UTC" })).json!
      .schedules[0].id;
    const moved = await call(one.PATCH, {
      method: "PATCH",
      token: A.tokens.editor,
      params: { id: s },
      body: { scheduled_time: future(6, "17:45"), timezone: "Asia/Tokyo", version: 1 },
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ local_time: future(6, "17:45"), timezone: "Asia/Tokyo", version: 2 });
    expect(moved.json!.scheduled_time.slice(11, 16)).toBe("08:45");
    expect(
      (await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: s }, body: { priority: "high", version: 1 } })).json!.error.code,
    ).toBe("conflict:version");
    expect(
      (await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: s }, body: { scheduled_time: "2020-01-01T00:00:00Z" } })).json!.error
        .code,
    ).toBe("bad_request:past_time");
    expect((await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: s }, body: { retry_strategy: "custom" } })).status).toBe(400);

    expect((await call(pause.POST, { method: "POST", token: A.tokens.editor, params: { id: s } })).json!.publish_status).toBe("paused");
    expect((await call(pause.POST, { method: "POST", token: A.tokens.editor, params: { id: s } })).json!.publish_status).toBe("paused");
    expect((await call(resume.POST, { method: "POST", token: A.tokens.editor, params: { id: s } })).json!.publish_status).toBe("pending");
    const copy = await call(clone.POST, { method: "POST", token: A.tokens.editor, params: { id: s }, body: { platform_account_id: acc.x } });
    expect(copy.status).toBe(201);
    expect(copy.json!.schedules[0]).toMatchObject({ platform_account_id: acc.x, local_time: future(6, "17:45"), timezone: "Asia/Tokyo" });
    expect((await call(cancel.POST, { method: "POST", token: A.tokens.editor, params: { id: s } })).json!.publish_status).toBe("cancelled");
    expect((await call(resume.POST, { method: "POST", token: A.tokens.editor, params: { id: s } })).status).toBe(409);

    await ref.current.db.update(schedules).set({ publishStatus: "published" }).where(eq(schedules.id, copy.json!.schedules[0].id));
    const cid = copy.json!.schedules[0].id;
    expect((await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: cid }, body: { priority: "low" } })).json!.error.code).toBe(
      "conflict:published",
    );
    expect((await call(one.DELETE, { method: "DELETE", token: A.tokens.admin, params: { id: cid } })).status).toBe(409);
    expect((await call(one.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id: s } })).status).toBe(204);
    expect((await call(one.GET, { token: A.tokens.editor, params: { id: s } })).status).toBe(404);
  });

  it("lists with filters; limit=101 is a 400", async () => {
    const r = await call(list.GET, {
      token: A.tokens.viewer,
      path: `/api/v1/schedules?platform_account_id=${acc.x}&publish_status=pending,published&limit=50`,
    });
    expect(r.status).toBe(200);
    expect(r.json!.items.length).toBeGreaterThan(0);
    for (const s of r.json!.items) {
      expect(s.platform_account_id).toBe(acc.x);
      expect(["pending", "published"]).toContain(s.publish_status);
    }
    expect((await call(list.GET, { token: A.tokens.viewer, path: "/api/v1/schedules?limit=101" })).status).toBe(400);
    expect((await call(list.GET, { token: A.tokens.viewer, path: "/api/v1/schedules?publish_status=sent" })).status).toBe(400);
    expect((await call(list.GET, { token: B.tokens.viewer })).json!.total).toBe(0);
  });

  it("gives viewers 403 on every schedule mutation and other workspaces 404", async () => {
    const id = await item(A.tokens.editor);
    const s = (await post(A.tokens.editor, { content_item_id: id, platform_account_id: acc.sandbox, scheduled_time: future(8) })).json!.schedules[0].id;
    const as = (token: string) => [
      () => post(token, { content_item_id: id, platform_account_id: acc.sandbox, scheduled_time: future(9) }),
      () => call(one.PATCH, { method: "PATCH", token, params: { id: s }, body: { priority: "high" } }),
      () => call(one.DELETE, { method: "DELETE", token, params: { id: s } }),
      () => call(pause.POST, { method: "POST", token, params: { id: s } }),
      () => call(resume.POST, { method: "POST", token, params: { id: s } }),
      () => call(cancel.POST, { method: "POST", token, params: { id: s } }),
      () => call(clone.POST, { method: "POST", token, params: { id: s }, body: {} }),
    ];
    for (const run of as(A.tokens.viewer)) expect((await run()).status).toBe(403);
    for (const run of as(B.tokens.admin)) expect((await run()).status).toBe(404);
    expect((await call(one.GET, { token: A.tokens.viewer, params: { id: s } })).json!.publish_status).toBe("pending");
  });
});
