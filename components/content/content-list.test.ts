import { describe, expect, it } from "vitest";
import { readHeaderedRows } from "@/lib/csv";
import { IMPORT_COLUMNS } from "@/lib/import/rows";
import { decodeCsv, sliceCsv } from "./importChunks";
import { listHref, readListQuery } from "./listQuery";
import { summarize } from "./outcome";

async function rowsOf(text: string) {
  const out = [];
  for await (const r of readHeaderedRows(text, IMPORT_COLUMNS)) out.push(r);
  return out;
}

describe("import slices", () => {
  const file = 'title,content,tags\r\nOne,"two\nlines",a;b\nThree,"with ""quotes"", and commas",\n\nFive,=1+1,x\n';

  it("split by records, keep each record's original line, and read back exactly as the server would read the whole file", async () => {
    const s = sliceCsv(file, { maxRecords: 1 });
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    const whole = await rowsOf(file);
    expect(s.rows).toBe(whole.length);
    expect(s.slices.flatMap((x) => x.lines)).toEqual(whole.map((r) => r.line));
    const back = (await Promise.all(s.slices.map((x) => rowsOf(x.text)))).flat();
    expect(back.map((r) => r.values ?? r.error)).toEqual(whole.map((r) => r.values ?? r.error));
  });

  it("about twenty slices for a long file, none over the size cap", () => {
    const long = "title,content\n" + Array.from({ length: 400 }, (_, i) => `T${i},${"x".repeat(50)}`).join("\n");
    const s = sliceCsv(long);
    expect(s.ok && s.slices.length).toBe(20);
    const tight = sliceCsv(long, { maxBytes: 1000 });
    expect(tight.ok && tight.slices.every((x) => x.text.length <= 1000)).toBe(true);
    expect(tight.ok && tight.slices.reduce((n, x) => n + x.lines.length, 0)).toBe(400);
  });

  it("keep the rows of one post (same content_item_id) in one slice, the first of them first", () => {
    const rows = ["k1,A,x", "k2,B,x", "k1,A,x", "k3,C,x", "k2,B,x", ",D,x"];
    const s = sliceCsv(`\uFEFFContent_Item_Id ,title,content\n${rows.join("\n")}\n`, { maxRecords: 2 });
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.slices.map((x) => x.lines)).toEqual([[2, 4], [3, 6], [5], [7]]);
  });

  it("keep rows with the same title and body in one slice, so the check finds a repeat as the import does", () => {
    const rows = ["Hello,Body", "Other,Body", ' hello ,"Body\r\n"', "Hello,Another body"];
    const s = sliceCsv(`title,content\n${rows.join("\n")}\n`, { maxRecords: 1 });
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.slices.map((x) => x.lines)).toEqual([[2, 4], [3], [6]]); // line 4 holds a line break: the next record starts on line 6
  });

  it("refuse an empty file, a header alone, too many rows, broken quoting and non-UTF-8 bytes", () => {
    expect(sliceCsv("")).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    expect(sliceCsv("title,content\n")).toMatchObject({ ok: false, message: expect.stringMatching(/no posts/) });
    expect(sliceCsv("title,content\na,b\nc,d\n", { maxRows: 1 })).toMatchObject({ ok: false, message: expect.stringMatching(/at most 1/) });
    expect(sliceCsv('title,content\n"open,b\n')).toMatchObject({ ok: false, message: expect.stringMatching(/^Line 2/) });
    expect(decodeCsv(new Uint8Array([0x74, 0xe9, 0x0a]).buffer)).toMatchObject({ ok: false });
    expect(decodeCsv(new TextEncoder().encode("té").buffer as ArrayBuffer)).toEqual({ ok: true, text: "té" });
  });
});

describe("list query", () => {
  it("keep what the API schema accepts and name what it does not", () => {
    const r = readListQuery({ q: " launch ", status: "bogus", sort: "-title", page: "x", tags: "a,b", date_from: "2031-01-01" });
    expect(r.ignored).toEqual(["status", "page"]);
    expect(r.params).toEqual({ q: "launch", sort: "-title", tags: "a,b", date_from: "2031-01-01" });
    expect(r.query).toMatchObject({ q: "launch", sort: "-title", tags: ["a", "b"], page: 1, limit: 25 });
    expect(r.query.status).toBeUndefined();
  });

  it("build links that reset the page when a filter changes", () => {
    expect(listHref({ q: "a b", page: "3" }, { status: "draft" })).toBe("/content?q=a+b&status=draft");
    expect(listHref({ q: "a" }, { page: "2" })).toBe("/content?q=a&page=2");
    expect(listHref({ page: "2" }, { page: "1" })).toBe("/content");
  });
});

describe("bulk outcome", () => {
  const title = (id: string) => `T-${id}`;
  it("say what was done and list every refusal with its title", () => {
    expect(summarize("Archived", { done: ["a", "b"], refused: [] }, title, 2)).toMatchObject({ message: "Archived 2 posts.", kind: "success" });
    const mixed = summarize("Deleted", { done: ["a"], refused: [{ id: "b", message: "published" }] }, title, 2);
    expect(mixed).toEqual({ message: "Deleted 1 post; 1 refused.", kind: "info", refused: [{ id: "b", title: "T-b", message: "published" }] });
    expect(summarize("Scheduled", { done: [], refused: [{ id: "c", message: "archived" }] }, title, 3).message).toBe("Nothing was scheduled: 1 of 3 refused.");
  });
});
