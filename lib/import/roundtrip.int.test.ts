import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import fc from "fast-check";
import { makeWorkspace, makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { contentItems, contentVariants, platformAccounts, schedules } from "@/db/schema";
import * as importer from "@/app/api/v1/import/csv/route";
import * as exporter from "@/app/api/v1/export/csv/route";
import { parseCsvText } from "../csv";
import { archiveContent, createContent } from "../content";
import { putContentVariant } from "../content/variants";
import { createSchedules } from "../scheduling/create";
import { transitionSchedule } from "../scheduling/schedules";
import { contentListQuery } from "../validation/content";
import { importCsv } from "./csv";
import { exportContentCsv } from "./export";

const ref = withTestDatabase();
const db = () => ref.current.db;
type Ws = Awaited<ReturnType<typeof makeWorkspace>>;
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Ws;

async function accounts(ws: Ws, list: [string, string][]) {
  const rows = await db()
    .insert(platformAccounts)
    .values(list.map(([platform, name]) => ({ workspaceId: ws.workspace.id, platform, name })))
    .returning();
  return Object.fromEntries(rows.map((r) => [`${r.platform}:${r.name}`, r.id]));
}

/** Everything a person would compare after moving posts: per title, the post, its variants and its times. */
async function snapshot(ws: Ws) {
  const items = await db().select().from(contentItems).where(eq(contentItems.workspaceId, ws.workspace.id));
  const out: Record<string, unknown> = {};
  for (const i of items) {
    const variants = await db().select().from(contentVariants).where(eq(contentVariants.contentItemId, i.id));
    const times = await db()
      .select({
        platform: schedules.platformId,
        account: platformAccounts.name,
        local: schedules.localTime,
        zone: schedules.timezone,
        status: schedules.publishStatus,
      })
      .from(schedules)
      .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
      .where(eq(schedules.contentItemId, i.id));
    out[i.title] = {
      content: i.content,
      summary: i.summary,
      type: i.contentType,
      tags: i.tags,
      variants: Object.fromEntries(variants.map((v) => [v.platform, { text: v.text, parts: v.parts, options: v.options }])),
      times: times.map((t) => `${t.platform}|${t.account}|${t.local}|${t.zone}|${t.status}`).sort(),
    };
  }
  return out;
}

const LAUNCH_BODY = 'Big news, today!\nLine two has "quotes", commas, and ünïcödé — 日本語 🚀\r\n\nLast line.';
const THREAD_BODY = "Part one of the thread\n---\nPart two, with a comma\n---\n«Part three» ✅";

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  B = await makeWorkspace(db(), ["editor"]);
  const a = await accounts(A, [
    ["sandbox", "Main sandbox"],
    ["mastodon", "Team"],
    ["mastodon", "Announcements"],
    ["bluesky", "Brand"],
  ]);
  // The new workspace: the same Mastodon names, a sandbox and a Bluesky account under other names.
  await accounts(B, [
    ["sandbox", "Sandbox B"],
    ["mastodon", "Team"],
    ["mastodon", "Announcements"],
    ["bluesky", "Other name"],
  ]);
  const ed = A.actors.editor;
  const schedule = (id: string, ids: string[], time: string, timezone: string) =>
    createSchedules(db(), ed, {
      content_item_id: id,
      platform_account_ids: ids,
      scheduled_time: time,
      timezone,
      retry_strategy: "exponential",
      max_retries: 3,
      priority: "normal",
      missed_policy: "publish_late",
    });

  const launch = await createContent(db(), ed, {
    title: 'Launch, "big" day',
    content: LAUNCH_BODY,
    summary: "Two lines,\nsummary",
    content_type: "post",
    tags: ["launch", "news"],
  });
  await putContentVariant(db(), ed, launch.id, "mastodon", { text: 'Mastodon text\nwith #tags, and "quotes"' });
  await putContentVariant(db(), ed, launch.id, "bluesky", { text: "Short for Bluesky 🦋", options: { langs: ["en"] } });
  await schedule(launch.id, [a["sandbox:Main sandbox"]!, a["mastodon:Team"]!], "2031-05-06T09:30", "Europe/Berlin");
  await schedule(launch.id, [a["bluesky:Brand"]!], "2031-05-07T18:00", "America/New_York");

  const thread = await createContent(db(), ed, { title: "A thread", content: THREAD_BODY, content_type: "thread", tags: ["thread"] });
  await putContentVariant(db(), ed, thread.id, "mastodon", { parts: ["Toot one", "Toot two,\nstill two"] });
  await schedule(thread.id, [a["mastodon:Announcements"]!], "2031-05-08T07:15", "Asia/Tokyo");

  // Cells a spreadsheet would run as formulas, and one that already starts with the guard's quote.
  await createContent(db(), ed, { title: "@mention first", content: "=SUM(A1:A3)\n- a list", summary: "'=not a formula", content_type: "post", tags: [] });

  const held = await createContent(db(), ed, { title: "Held back", content: "Paused for now", content_type: "post", tags: ["later"] });
  const [paused] = (await schedule(held.id, [a["sandbox:Main sandbox"]!], "2031-05-09T12:00", "UTC")).schedules;
  await transitionSchedule(db(), ed, paused!.id, "pause");

  const old = await createContent(db(), ed, { title: "Old news", content: "Already out", content_type: "post", tags: [] });
  const [done] = (await schedule(old.id, [a["sandbox:Main sandbox"]!], "2031-05-10T08:00", "UTC")).schedules;
  await db().update(schedules).set({ publishStatus: "published", publishedAt: new Date() }).where(eq(schedules.id, done!.id));
  await db().update(contentItems).set({ status: "published", publishedAt: new Date() }).where(eq(contentItems.id, old.id));

  const gone = await createContent(db(), ed, { title: "Put away", content: "Archived post", content_type: "post", tags: [] });
  await archiveContent(db(), ed, gone.id);
});

describe("CSV both ways", () => {
  it("an export of a workspace imports into an empty one as it was", async () => {
    const exported = await exportContentCsv(db(), A.actors.editor, contentListQuery.omit({ page: true, limit: true }).parse({}));
    expect(exported.rows).toBe(6);
    // The Launch post has two times: two rows, joined again by content_item_id.
    expect(parseCsvText(exported.csv).length).toBe(1 + 7);

    const check = await importCsv(db(), B.actors.editor, exported.csv, { dryRun: true, mode: "all_or_nothing" });
    expect(check).toMatchObject({ dry_run: true, total_rows: 7, ok_rows: 6, error_rows: 0, skipped_rows: 1, created: { content: 5, schedules: 5 } });
    const byTitle = (t: string) => check.rows.filter((r) => r.title === t);
    expect(byTitle("Put away")[0]).toMatchObject({ status: "skipped", notes: ["archived in the file: not imported"] });
    expect(byTitle("Old news")[0]!.notes).toEqual([
      "published in the file: imported as a new, unpublished post",
      "published in the file (2031-05-10T08:00 UTC): not scheduled again",
    ]);
    const [first, second] = byTitle('Launch, "big" day');
    expect(second).toMatchObject({ status: "ok", same_post_as: first!.line });
    expect(first!.notes).toContain('sandbox:Main sandbox → "Sandbox B", the only sandbox account here');
    expect(second!.notes).toContain('bluesky:Brand → "Other name", the only bluesky account here');
    expect(await snapshot(B)).toEqual({});

    const done = await importCsv(db(), B.actors.editor, exported.csv, { dryRun: false, mode: "all_or_nothing" });
    expect(done).toMatchObject({ committed: true, ok_rows: 6, skipped_rows: 1, created: { content: 5, schedules: 5 } });

    const before = await snapshot(A);
    const after = await snapshot(B);
    const rename = (t: string) => t.replace("|Main sandbox|", "|Sandbox B|").replace("|Brand|", "|Other name|");
    const expected = Object.fromEntries(
      Object.entries(before)
        .filter(([title]) => title !== "Put away")
        .map(([title, v]) => {
          const post = v as { times: string[] };
          // A published time is history, not scheduled again.
          return [
            title,
            {
              ...post,
              times: post.times
                .filter((t) => !t.endsWith("|published"))
                .map(rename)
                .sort(),
            },
          ];
        }),
    );
    expect(after).toEqual(expected);
    // Spot checks, in case both sides were wrong the same way.
    expect((after['Launch, "big" day'] as { content: string }).content).toBe(LAUNCH_BODY);
    expect((after["@mention first"] as { content: string; summary: string }).summary).toBe("'=not a formula");
    expect((after["Held back"] as { times: string[] }).times).toEqual(["sandbox|Sandbox B|2031-05-09T12:00|UTC|paused"]);
    expect((after["A thread"] as { variants: unknown }).variants).toEqual({
      mastodon: { text: null, parts: ["Toot one", "Toot two,\nstill two"], options: {} },
    });

    // The API's content export is the same file (in creation order rather than the list's).
    const req = new NextRequest("http://localhost:3000/api/v1/export/csv?type=content", { headers: { authorization: `Bearer ${A.tokens.viewer}` } });
    const res = await exporter.GET(req, { params: Promise.resolve({}) });
    const [apiHeader, ...apiRows] = parseCsvText(new TextDecoder().decode(await res.arrayBuffer())).map((r) => r.record);
    const [listHeader, ...listRows] = parseCsvText(exported.csv).map((r) => r.record);
    expect(apiHeader).toEqual(listHeader);
    expect(apiRows.map((r) => r.join("\u0000")).sort()).toEqual(listRows.map((r) => r.join("\u0000")).sort());
  });

  it("accounts map by platform and name; several accounts on a platform and none of that name is a clear row error", async () => {
    const C = await makeWorkspace(db(), ["editor"]);
    await accounts(C, [
      ["mastodon", "One"],
      ["mastodon", "Two"],
    ]);
    const file = "title,content,accounts,date,time,timezone\nHi,Body,mastodon:Team,2031-06-01,10:00,UTC\nHo,Body,mastodon:two,2031-06-01,10:00,UTC\n";
    const r = await importCsv(db(), C.actors.editor, file, { dryRun: true, mode: "partial" });
    expect(r.rows[0]).toMatchObject({
      status: "error",
      errors: [{ field: "accounts", message: '2 mastodon accounts and none named "Team": name one (mastodon:One or mastodon:Two)' }],
    });
    expect(r.rows[1]).toMatchObject({ status: "ok", schedules: [{ local_time: "2031-06-01T10:00" }] });
  });

  it("the check lists every problem of a row at once, column by column", async () => {
    const file = 'title,content,platforms,accounts,date,time,timezone,variants,status\n" ",Body\u0000,fax,Nobody,2031-06-01,25:00,Mars/Olympus,{oops,lost\n';
    const r = await importCsv(db(), B.actors.editor, file, { dryRun: true, mode: "all_or_nothing" });
    const fields = r.rows[0]!.errors!.map((e) => e.field);
    expect(r.rows[0]!.status).toBe("error");
    expect(fields).toEqual(expect.arrayContaining(["content", "title", "variants", "platforms", "time", "timezone", "status"]));
    expect(r.rows[0]!.errors!.length).toBeGreaterThanOrEqual(7);
    // A past time, an unknown account and a bad zone on a row whose cells are otherwise fine: all three.
    const past = await importCsv(db(), B.actors.editor, "title,content,accounts,date,time,timezone\nT,B,Nobody;mastodon:Team,2020-01-01,10:00,UTC\n", {
      dryRun: true,
      mode: "all_or_nothing",
    });
    expect(past.rows[0]!.errors).toEqual([
      { field: "date", message: "2020-01-01T10:00 UTC is in the past" },
      { field: "accounts", message: 'no account named "Nobody"' },
    ]);
    // Rows of one post that disagree on the post's cells are refused, naming the cells.
    const split = await importCsv(db(), B.actors.editor, "content_item_id,title,content\nk1,Same,One body\nk1,Same,Other body\n", {
      dryRun: true,
      mode: "all_or_nothing",
    });
    expect(split.rows[1]).toMatchObject({ status: "error", errors: [{ field: "content_item_id", message: expect.stringContaining("content differs") }] });
  });
});

describe("no file is a server error", () => {
  let T: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
  beforeAll(async () => {
    T = await makeWorkspaceWithTokens(db());
    await db().insert(platformAccounts).values({ workspaceId: T.workspace.id, platform: "sandbox", name: "S" });
  });
  async function upload(body: BodyInit, query = "?dry_run=true") {
    const req = new NextRequest(`http://localhost:3000/api/v1/import/csv${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${T.tokens.editor}`, "content-type": "text/csv" },
      body,
    });
    const res = await importer.POST(req, { params: Promise.resolve({}) });
    return { status: res.status, body: await res.json() };
  }
  const count = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(contentItems).where(eq(contentItems.workspaceId, T.workspace.id)))[0]!.n;

  it("odd encodings, BOM, CRLF, empty files, huge cells and duplicate headers get 200 or a clear 400", async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from("title,content\r\nA,B\r\n", "utf16le")]);
    const cases: [string, BodyInit, number, RegExp | null][] = [
      ["BOM and CRLF", '\uFEFFtitle,content,platforms,date,time,timezone\r\nA,"multi\r\nline",sandbox,2031-06-01,10:00,UTC\r\n', 200, null],
      ["CR only", "title,content\rA,B\r", 200, null],
      ["empty", "", 400, /header|body/],
      ["only a BOM", "\uFEFF", 400, /header/],
      ["header only", "title,content\n", 200, null],
      ["duplicate headers", "title,content,Title\nA,B,C\n", 400, /duplicate column/],
      ["UTF-16", utf16, 400, /UTF-8/],
      ["Latin-1", new Uint8Array(Buffer.from("title,content\nCaf\xe9,x\n", "latin1")), 400, /UTF-8/],
      ["huge cell", `title,content\nBig,"${"x".repeat(300_000)}"\n`, 200, null],
      ["huge title", `title,content\n"${"t".repeat(50_000)}",x\n`, 200, null],
      ["a stray quote", 'title,content\nA,B"C\n', 400, /quote|line/i],
      ["a NUL and a lone surrogate", "title,content\nA\u0000,\ud800\n", 200, null],
      ["too many fields", "title,content\nA,B,C,D\n", 200, null],
      ["blank lines and trailing commas", "title,content,,\n\nA,B,,\n\n", 200, null],
      [
        "variants that are not an object",
        'title,content,variants\nA,B,"[1,2]"\nC,D,"{""x"":{""media_ids"":[""00000000-0000-0000-0000-000000000000""]}}"\nE,F,"{""x"":{""parts"":[""""]}}"\n',
        200,
        null,
      ],
    ];
    const before = await count();
    for (const [name, body, status, message] of cases) {
      const r = await upload(body);
      expect({ name, status: r.status }).toEqual({ name, status });
      if (message) expect(r.body.error.message, name).toMatch(message);
    }
    const huge = await upload(`title,content\nBig,"${"x".repeat(300_000)}"\n`);
    expect(huge.body.rows[0]).toMatchObject({ status: "error", errors: [{ field: "content", message: "content can have at most 200,000 characters" }] });
    const odd = await upload('title,content,variants\nA,B,"[1,2]"\nC,D,"{""x"":{""media_ids"":[]}}"\n');
    expect(odd.body.rows.map((r: { status: string }) => r.status)).toEqual(["error", "error"]);
    expect(await count()).toBe(before);
  });

  it("random files never fail the server", async () => {
    const before = await count();
    const cell = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        "",
        '"',
        '""',
        "\r\n",
        "\uFEFF",
        "'=1",
        "2031-06-01",
        "25:00",
        "sandbox",
        "sandbox:S",
        "{}",
        "archived",
        "published",
        "k1",
        "Europe/Berlin",
      ),
    );
    const header = fc.constantFrom(
      "title,content",
      "content_item_id,title,content,status,schedule_status,accounts,date,time,timezone,variants",
      "title,content,platforms,date,time,timezone,tags",
    );
    await fc.assert(
      fc.asyncProperty(header, fc.array(fc.array(cell, { minLength: 1, maxLength: 10 }), { maxLength: 6 }), async (h, rows) => {
        const text = [h, ...rows.map((r) => r.join(","))].join("\n");
        const r = await upload(text, "?mode=partial&dry_run=true");
        expect(r.status, text).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    expect(await count()).toBe(before);
  });
});
