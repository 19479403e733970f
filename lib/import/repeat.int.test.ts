import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { makeWorkspace, makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { contentItems, platformAccounts, schedules } from "@/db/schema";
import * as importer from "@/app/api/v1/import/csv/route";
import { toCsv } from "../csv";
import { createContent } from "../content";
import { createSchedules } from "../scheduling/create";
import { contentListQuery } from "../validation/content";
import { importCsv } from "./csv";
import { exportContentCsv } from "./export";

const ref = withTestDatabase();
const db = () => ref.current.db;
type Ws = Awaited<ReturnType<typeof makeWorkspace>>;

async function accounts(ws: Ws, list: [string, string, string?][]) {
  const rows = await db()
    .insert(platformAccounts)
    .values(
      list.map(([platform, name, status]) => ({
        workspaceId: ws.workspace.id,
        platform,
        name,
        ...(status ? { status: status as "error", statusReason: "token expired" } : {}),
      })),
    )
    .returning();
  return Object.fromEntries(rows.map((r) => [`${r.platform}:${r.name}`, r.id]));
}

/** Posts and their schedules (account name, local time, zone) per title, as a person would count them. */
async function counts(ws: Ws) {
  const items = await db().select().from(contentItems).where(eq(contentItems.workspaceId, ws.workspace.id));
  const out: Record<string, string[][]> = {};
  for (const i of items) {
    const times = await db()
      .select({ account: platformAccounts.name, local: schedules.localTime, zone: schedules.timezone })
      .from(schedules)
      .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
      .where(eq(schedules.contentItemId, i.id));
    (out[i.title] ??= []).push(times.map((t) => `${t.account}|${t.local}|${t.zone}`).sort());
  }
  return out;
}

const csv = (rows: Record<string, string>[]) =>
  toCsv(
    rows,
    Object.keys(rows[0]!).map((k) => ({ key: k, header: k })),
  );
const run = (ws: Ws, text: string, dryRun: boolean, extra: { duplicates?: "skip" | "import" } = {}) =>
  importCsv(db(), ws.actors.editor, text, { dryRun, mode: "partial", ...extra });

let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Ws;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  B = await makeWorkspace(db(), ["editor"]);
  const a = await accounts(A, [
    ["sandbox", "Main"],
    ["mastodon", "Team"],
    ["bluesky", "Brand"],
  ]);
  await accounts(B, [
    ["sandbox", "Other"],
    ["mastodon", "Team"],
    ["bluesky", "Brand"],
  ]);
  const ed = A.actors.editor;
  const launch = await createContent(db(), ed, { title: "Launch day", content: "We launch!\nSee you there.", content_type: "post", tags: ["launch"] });
  await createSchedules(db(), ed, {
    content_item_id: launch.id,
    platform_account_ids: [a["sandbox:Main"]!, a["mastodon:Team"]!],
    scheduled_time: "2031-06-02T09:30",
    timezone: "Europe/Berlin",
    retry_strategy: "exponential",
    max_retries: 3,
    priority: "normal",
    missed_policy: "publish_late",
  });
  await createSchedules(db(), ed, {
    content_item_id: launch.id,
    platform_account_ids: [a["bluesky:Brand"]!],
    scheduled_time: "2031-06-03T18:00",
    timezone: "America/New_York",
    retry_strategy: "exponential",
    max_retries: 3,
    priority: "normal",
    missed_policy: "publish_late",
  });
  await createContent(db(), ed, { title: "A draft", content: "Not yet", content_type: "post", tags: [] });
});

describe("an import never makes a post the workspace already holds", () => {
  it("the same export imported twice: the second time creates nothing and notes every row", async () => {
    const exported = await exportContentCsv(db(), A.actors.editor, contentListQuery.omit({ page: true, limit: true }).parse({}));
    const before = await counts(A);

    // Into its own workspace: every row names a post of this workspace.
    for (const dryRun of [true, false]) {
      const again = await run(A, exported.csv, dryRun);
      expect(again).toMatchObject({ total_rows: 3, ok_rows: 0, error_rows: 0, skipped_rows: 3, created: { content: 0, schedules: 0 } });
      for (const r of again.rows) {
        expect(r.status).toBe("skipped");
        expect(r.notes!.join(" ")).toContain("already in this workspace — skipped");
        expect(r.existing?.title).toBe(r.title);
      }
    }
    expect(await counts(A)).toEqual(before);

    // Into another workspace, twice: the first import creates the posts, the second recognises them.
    const first = await run(B, exported.csv, false);
    expect(first).toMatchObject({ committed: true, ok_rows: 3, created: { content: 2, schedules: 3 } });
    const once = await counts(B);
    for (const dryRun of [true, false]) {
      const second = await run(B, exported.csv, dryRun);
      expect(second).toMatchObject({ total_rows: 3, ok_rows: 0, error_rows: 0, skipped_rows: 3, created: { content: 0, schedules: 0 } });
      for (const r of second.rows) {
        expect(r.notes?.length).toBeGreaterThan(0);
        expect(r.notes!.join(" ")).toMatch(/already (in this workspace|here)/);
      }
    }
    expect(await counts(B)).toEqual(once);
    expect(Object.values(once).map((p) => p.length)).toEqual([1, 1]);
  });

  it("a hand-written row repeating a post is noted and skipped; another time makes another post; duplicates=import imports it", async () => {
    const C = await makeWorkspace(db(), ["editor"]);
    const c = await accounts(C, [
      ["mastodon", "Team"],
      ["bluesky", "Brand"],
    ]);
    const post = await createContent(db(), C.actors.editor, { title: "Weekly tips", content: "Tip one\r\nTip two", content_type: "post", tags: [] });
    await createSchedules(db(), C.actors.editor, {
      content_item_id: post.id,
      platform_account_ids: [c["mastodon:Team"]!],
      scheduled_time: "2031-07-01T10:00",
      timezone: "UTC",
      retry_strategy: "exponential",
      max_retries: 3,
      priority: "normal",
      missed_policy: "publish_late",
    });
    await createContent(db(), C.actors.editor, { title: "Just a draft", content: "Draft body", content_type: "post", tags: [] });
    const file = csv([
      { title: "Weekly tips", content: "Tip one\nTip two", platforms: "", accounts: "Team", date: "2031-07-01", time: "10:00", timezone: "UTC" },
      { title: "weekly tips ", content: "Tip one\nTip two", platforms: "mastodon", accounts: "", date: "2031-07-01", time: "12:00", timezone: "Europe/London" },
      { title: "Just a draft", content: "Draft body", platforms: "", accounts: "", date: "", time: "", timezone: "" },
      { title: "Weekly tips", content: "Tip one\nTip two", platforms: "", accounts: "Team;Brand", date: "2031-07-01", time: "10:00", timezone: "UTC" },
      { title: "New one", content: "Fresh", platforms: "", accounts: "Brand", date: "2031-07-02", time: "08:00", timezone: "UTC" },
      { title: "New one", content: "Fresh", platforms: "", accounts: "Brand", date: "2031-07-02", time: "08:00", timezone: "UTC" },
    ]);
    const check = await run(C, file, true);
    const [same, later, draft, partly, fresh, twice] = check.rows;
    expect(same).toMatchObject({ status: "skipped", existing: { id: post.id, title: "Weekly tips" } });
    expect(same!.notes).toEqual(["already in this workspace as “Weekly tips” at 2031-07-01 10:00 UTC on “Team” — skipped"]);
    expect(later).toMatchObject({ status: "ok", existing: { id: post.id } });
    expect(later!.notes![0]).toMatch(/same title and body is already here .* at other times: this row makes another post at 2031-07-01 12:00 Europe\/London/);
    expect(draft).toMatchObject({ status: "skipped", notes: ["already in this workspace as “Just a draft” (same title and body) — skipped"] });
    expect(partly).toMatchObject({ status: "skipped" });
    expect(partly!.notes![0]).toContain("on “Team”, not on “Brand” — skipped; add “Brand” to that post if it should go there too");
    expect(fresh).toMatchObject({ status: "ok", schedules: [expect.objectContaining({ local_time: "2031-07-02T08:00" })] });
    expect(twice).toMatchObject({
      status: "skipped",
      notes: [`the same post as line ${fresh!.line} of this file at 2031-07-02 08:00 UTC on “Brand” — skipped`],
    });
    expect(twice!.existing).toBeUndefined();
    expect(check).toMatchObject({ ok_rows: 2, skipped_rows: 4, created: { content: 2, schedules: 2 } });

    const done = await run(C, file, false);
    expect(done.rows.map((r) => r.status)).toEqual(check.rows.map((r) => r.status));
    expect(Object.fromEntries(Object.entries(await counts(C)).map(([t, p]) => [t, p.length]))).toEqual({
      "Weekly tips": 1,
      "weekly tips": 1,
      "Just a draft": 1,
      "New one": 1,
    });

    // Asked to import repeats anyway: they are made, and the note says so.
    const forced = await run(C, csv([{ title: "Just a draft", content: "Draft body" }]), false, { duplicates: "import" });
    expect(forced).toMatchObject({ ok_rows: 1, created: { content: 1 } });
    expect(forced.rows[0]!.notes).toEqual(["already in this workspace as “Just a draft” (same title and body) — imported again, as asked"]);
  });

  it("a platform with a broken and a healthy account schedules on the healthy one; only broken accounts are the row's error", async () => {
    const D = await makeWorkspaceWithTokens(db());
    await accounts(D, [
      ["mastodon", "Healthy"],
      ["mastodon", "Old", "needs_reconnect"],
      ["bluesky", "Gone", "error"],
      ["sandbox", "Broken box", "error"],
      ["sandbox", "Box"],
    ]);
    const file = csv([
      { title: "Both", content: "body one", platforms: "mastodon", accounts: "", date: "2031-08-01", time: "09:00", timezone: "UTC" },
      { title: "Only broken", content: "body two", platforms: "bluesky", accounts: "", date: "2031-08-01", time: "09:00", timezone: "UTC" },
      { title: "By platform name", content: "body three", platforms: "", accounts: "sandbox:Elsewhere", date: "2031-08-01", time: "09:00", timezone: "UTC" },
      { title: "Named broken", content: "body four", platforms: "", accounts: "mastodon:Old", date: "2031-08-01", time: "09:00", timezone: "UTC" },
    ]);
    // Through the API, on both drivers: the answer a client sees.
    const req = new NextRequest("http://localhost:3000/api/v1/import/csv?mode=partial", {
      method: "POST",
      headers: { authorization: `Bearer ${D.tokens.editor}`, "content-type": "text/csv" },
      body: file,
    });
    const res = await importer.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Awaited<ReturnType<typeof importCsv>>;
    const [both, onlyBroken, byName, named] = body.rows;
    expect(both).toMatchObject({ status: "ok", notes: ["mastodon: “Old” needs reconnecting (token expired) — left out; scheduled on “Healthy”"] });
    expect(both!.schedules!.map((s) => s.platform_id)).toEqual(["mastodon"]);
    expect(both!.schedules).toHaveLength(1);
    expect(onlyBroken).toMatchObject({
      status: "error",
      errors: [{ field: "platforms", message: "no usable bluesky account here: “Gone” is in error (token expired); reconnect it under Settings → Accounts" }],
    });
    expect(byName).toMatchObject({
      status: "ok",
      notes: ['sandbox:Elsewhere → "Box", the only usable sandbox account here; “Broken box” is in error (token expired): passed over'],
    });
    expect(named).toMatchObject({
      status: "error",
      errors: [{ field: "accounts", message: "“Old” needs reconnecting (token expired): reconnect it under Settings → Accounts, or name another account" }],
    });
    expect(body).toMatchObject({ committed: true, ok_rows: 2, error_rows: 2, created: { content: 2, schedules: 2 } });
    const made = await db()
      .select({ account: platformAccounts.name })
      .from(schedules)
      .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
      .where(eq(platformAccounts.workspaceId, D.workspace.id));
    expect(made.map((m) => m.account).sort()).toEqual(["Box", "Healthy"]);
  });
});
