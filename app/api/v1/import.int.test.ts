import { beforeAll, describe, expect, it } from "vitest";
import { send } from "@/scripts/test/http";
import { and, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { contentItems, platformAccounts, schedules } from "@/db/schema";
import { parseCsvText } from "@/lib/csv";
import * as importer from "./import/csv/route";
import * as exporter from "./export/csv/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

async function upload(csv: string, query = "", headers: Record<string, string> = {}) {
  const req = new NextRequest(`http://localhost:3000/api/v1/import/csv${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${A.tokens.editor}`, "content-type": "text/csv", ...headers },
    body: csv,
  });
  const res = await send(importer.POST, req, { params: Promise.resolve({}) });
  return { status: res.status, text: await res.text() };
}
const json = async (p: Promise<{ status: number; text: string }>) => {
  const r = await p;
  return { status: r.status, body: JSON.parse(r.text) };
};
const count = async (table: typeof contentItems | typeof schedules) =>
  (await ref.current.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.workspaceId, A.workspace.id)))[0]!.n;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  await ref.current.db.insert(platformAccounts).values([
    { workspaceId: A.workspace.id, platform: "sandbox", name: "Main sandbox" },
    { workspaceId: A.workspace.id, platform: "instagram", name: "Brand IG" },
  ]);
});

const GOOD = `title,content,platforms,date,time,timezone,tags
"Launch, part 1","We launch ""today""",sandbox,2031-05-01,09:30,Europe/Berlin,launch;news
Evergreen,Read our guide,,,,,guide
`;
const MIXED = `${GOOD}Photo day,Look at this,instagram,2031-05-02,10:00,UTC,
Bad date,Oops,sandbox,2031-13-01,10:00,UTC,
`;

describe("CSV import", () => {
  it("dry run reports each row, what it would create, and changes nothing", async () => {
    const before = [await count(contentItems), await count(schedules)];
    const r = await json(upload(MIXED, "?dry_run=true"));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dry_run: true, total_rows: 4, ok_rows: 2, error_rows: 2, committed: false, created: { content: 2, schedules: 1 } });
    const [first, second, photo, bad] = r.body.rows;
    expect(first).toMatchObject({
      line: 2,
      status: "ok",
      title: "Launch, part 1",
      schedules: [{ local_time: "2031-05-01T09:30", timezone: "Europe/Berlin", scheduled_time: "2031-05-01T07:30:00.000Z" }],
    });
    expect(first.content_item_id).toBeUndefined();
    expect(second).toMatchObject({ line: 3, status: "ok", schedules: [] });
    expect(photo).toMatchObject({ line: 4, status: "error" });
    expect(photo.errors[0].message).toMatch(/Instagram cannot publish text-only posts/);
    expect(bad).toMatchObject({ line: 5, status: "error", errors: [{ field: "date", message: expect.stringMatching(/month/i) }] });
    expect([await count(contentItems), await count(schedules)]).toEqual(before);
  });

  it("all or nothing: one bad row and nothing is kept; partial keeps the good rows", async () => {
    const before = await count(contentItems);
    const strict = await json(upload(MIXED));
    expect(strict.status).toBe(400);
    expect(strict.body.error).toMatchObject({
      code: "bad_request:import",
      message: "2 of 4 rows have errors; nothing was imported",
      details: { committed: false, error_rows: 2, created: { content: 0, schedules: 0 } },
    });
    expect(await count(contentItems)).toBe(before);
    const partial = await json(upload(MIXED, "?mode=partial"));
    expect(partial.body).toMatchObject({ committed: true, ok_rows: 2, created: { content: 2, schedules: 1 } });
    expect(await count(contentItems)).toBe(before + 2);
    const [launch] = await ref.current.db
      .select()
      .from(contentItems)
      .where(and(eq(contentItems.workspaceId, A.workspace.id), eq(contentItems.title, "Launch, part 1")));
    expect(launch).toMatchObject({ content: 'We launch "today"', tags: ["launch", "news"], status: "scheduled", sourceType: "csv" });
  });

  it("refuses a file that is not UTF-8", async () => {
    const latin1 = Buffer.from("title,content\nCaf\xe9,cr\xe8me\n", "latin1");
    const req = new NextRequest("http://localhost:3000/api/v1/import/csv", {
      method: "POST",
      headers: { authorization: `Bearer ${A.tokens.editor}`, "content-type": "text/csv" },
      body: new Blob([new Uint8Array(latin1)]),
    });
    const res = await send(importer.POST, req, { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/not UTF-8/);
  });

  it("names the line of a broken CSV and missing columns", async () => {
    const broken = await json(upload('title,content\n"unterminated,x\n'));
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("bad_request:csv");
    const columns = await json(upload("name,body\nx,y\n"));
    expect(columns.status).toBe(400);
    expect(columns.body.error.message).toMatch(/title/);
    const wrongType = await json(upload(GOOD, "", { "content-type": "application/json" }));
    expect(wrongType.body.error.code).toBe("bad_request:content_type");
  });

  it("streams progress for a large file when asked for NDJSON", async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `Item ${i},Body ${i}`).join("\n");
    const r = await upload(`title,content\n${rows}\n`, "?dry_run=true", { accept: "application/x-ndjson" });
    const lines = r.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === "progress").map((l) => l.rows)).toEqual([100, 200]);
    expect(lines.at(-1)).toMatchObject({ type: "result", total_rows: 250, ok_rows: 250 });
  });
});

describe("CSV export", () => {
  it("pages through thousands of rows without losing or repeating one", async () => {
    const { workspaceId } = { workspaceId: A.workspace.id };
    await ref.current.db.execute(
      sql`insert into content_items (workspace_id, title, content, created_at) select ${workspaceId}, 'Bulk ' || i, 'x', timestamptz '2032-01-01' + (i / 3) * interval '1 second' from generate_series(1, 2500) i`,
    );
    const req = new NextRequest("http://localhost:3000/api/v1/export/csv?type=content&date_from=2032-01-01", {
      headers: { authorization: `Bearer ${A.tokens.viewer}` },
    });
    const res = await send(exporter.GET, req, { params: Promise.resolve({}) });
    const records = parseCsvText(new TextDecoder().decode(await res.arrayBuffer())).map((r) => r.record);
    const ids = records.slice(1).map((r) => r[0]);
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
  });

  it("streams the schedules of a range as spreadsheet-safe CSV", async () => {
    const req = new NextRequest("http://localhost:3000/api/v1/export/csv?type=schedules&date_from=2031-05-01&date_to=2031-05-31", {
      headers: { authorization: `Bearer ${A.tokens.viewer}` },
    });
    const res = await send(exporter.GET, req, { params: Promise.resolve({}) });
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark for spreadsheets
    const records = parseCsvText(new TextDecoder().decode(bytes)).map((r) => r.record);
    expect(records[0]).toEqual([
      "schedule_id",
      "content_item_id",
      "title",
      "platform",
      "account",
      "scheduled_time_utc",
      "local_time",
      "timezone",
      "status",
      "retry_count",
      "post_url",
      "error",
    ]);
    expect(records).toHaveLength(2);
    expect(records[1]!.slice(2, 9)).toEqual([
      "Launch, part 1",
      "sandbox",
      "Main sandbox",
      "2031-05-01T07:30:00.000Z",
      "2031-05-01T09:30",
      "Europe/Berlin",
      "pending",
    ]);
  });
});
