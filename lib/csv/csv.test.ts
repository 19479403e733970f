import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CsvError, csvChunks, parseCsv, parseCsvText, readHeaderedRows, toCsv, unneutralise, type CsvRecord } from "./index";

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
async function* chunks<T>(parts: T[]): AsyncGenerator<T> {
  for (const p of parts) yield p;
}

// BOM, CRLF/LF/CR endings, blank lines, quoted delimiters, doubled quotes, line breaks of every kind
// inside quotes, multi-byte characters, an empty quoted field and no final newline.
const TRICKY = '\uFEFFid,text,note\r\n1,"hello, world","multi\r\nline ""quoted"""\r\n\r\n2,日本🚀,"a\rb"\n\n3,,"x\ny"\r4,"",last';
const TRICKY_RECORDS: CsvRecord[] = [
  { line: 1, record: ["id", "text", "note"] },
  { line: 2, record: ["1", "hello, world", 'multi\r\nline "quoted"'] },
  { line: 5, record: ["2", "日本🚀", "a\rb"] },
  { line: 8, record: ["3", "", "x\ny"] },
  { line: 10, record: ["4", "", "last"] },
];

describe("parseCsv", () => {
  it("parses the tricky input synchronously and as one chunk", async () => {
    expect(parseCsvText(TRICKY)).toEqual(TRICKY_RECORDS);
    expect(await collect(parseCsv(TRICKY))).toEqual(TRICKY_RECORDS);
  });

  it("gives the same records wherever a string chunk boundary falls", async () => {
    for (let i = 0; i <= TRICKY.length; i++) {
      const parts = [TRICKY.slice(0, i), TRICKY.slice(i)];
      expect(await collect(parseCsv(chunks(parts))), `split at ${i}`).toEqual(TRICKY_RECORDS);
    }
    expect(await collect(parseCsv(chunks([...TRICKY])))).toEqual(TRICKY_RECORDS);
  });

  it("gives the same records wherever a byte chunk boundary falls, even inside a UTF-8 character", async () => {
    const bytes = new TextEncoder().encode(TRICKY);
    const insideChar = (i: number) => i < bytes.length && ((bytes[i] ?? 0) & 0xc0) === 0x80;
    expect([...bytes.keys()].filter(insideChar).length).toBeGreaterThan(5);
    for (let i = 0; i <= bytes.length; i++) {
      const parts = [bytes.subarray(0, i), bytes.subarray(i)];
      expect(await collect(parseCsv(chunks(parts))), `split at byte ${i}`).toEqual(TRICKY_RECORDS);
    }
    const oneByteEach = [...bytes].map((b) => Uint8Array.of(b));
    expect(await collect(parseCsv(chunks(oneByteEach)))).toEqual(TRICKY_RECORDS);
  });

  it("reports the line where a malformed record goes wrong", async () => {
    const fails = (text: string) => {
      try {
        parseCsvText(text);
      } catch (err) {
        expect(err).toBeInstanceOf(CsvError);
        return (err as CsvError).line;
      }
      throw new Error(`no CsvError for ${JSON.stringify(text)}`);
    };
    expect(fails('a,b\n"x\ny",1\n2,"open\nmore\n')).toBe(4); // where the unterminated quote opened
    expect(fails('a,b\n\n"multi\nline",x"y')).toBe(4); // a bare quote mid-field
    expect(fails('"a"b,c')).toBe(1);
    await expect(collect(parseCsv(chunks(['a,"', "b\n"])))).rejects.toMatchObject({ name: "CsvError", line: 1 });
    await expect(collect(parseCsv(chunks([Uint8Array.of(0x61, 0x0a, 0xe9, 0x0a)])))).rejects.toThrow(/UTF-8/);
  });

  it("supports another delimiter and keeps lone whitespace lines as records", () => {
    expect(parseCsvText('a,"b;c"\n \n').map((r) => r.record)).toEqual([["a", "b;c"], [" "]]);
    expect(parseCsvText("a;b", { delimiter: ";" })[0]?.record).toEqual(["a", "b"]);
    expect(parseCsvText('a;"b;c"', { delimiter: ";" })[0]?.record).toEqual(["a", "b;c"]);
    expect(() => parseCsvText("a", { delimiter: '"' })).toThrow(TypeError);
  });

  it("streams 50,000 rows without waiting for the whole input", async () => {
    const ROWS = 50_000;
    let produced = 0;
    let expectedLine = 2;
    const expectedLines: number[] = [];
    async function* source(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode("ID,Title,Note\r\n");
      let batch = "";
      for (let i = 0; i < ROWS; i++) {
        expectedLines.push(expectedLine);
        const multi = i % 10 === 0;
        batch += `${i},"Post ${i}, café",${multi ? '"two\nlines"' : "plain"}\r\n`;
        expectedLine += multi ? 2 : 1;
        if (batch.length > 4000 || i === ROWS - 1) {
          produced++;
          yield new TextEncoder().encode(batch);
          batch = "";
        }
      }
    }
    let count = 0;
    let producedAtFirstRow = -1;
    for await (const row of readHeaderedRows(source(), { required: ["id", "title"], known: ["note"] })) {
      if (producedAtFirstRow < 0) producedAtFirstRow = produced;
      if (row.error !== undefined) throw new Error(row.error);
      expect(row.line).toBe(expectedLines[count]);
      expect(row.values.title).toBe(`Post ${count}, café`);
      count++;
    }
    expect(count).toBe(ROWS);
    expect(producedAtFirstRow).toBe(1);
    expect(produced).toBeGreaterThan(100);
  });
});

describe("readHeaderedRows", () => {
  const read = (text: string, opts = { required: ["email", "scheduledAt"], known: ["note"] }) => collect(readHeaderedRows(text, opts));

  it("matches headers case-insensitively, trimmed and BOM-safe, and reports bad rows without throwing", async () => {
    const rows = await read(
      '\uFEFF EMAIL ,ScheduledAT,note,\r\na@x.io,2025-01-01,"hi, there",\r\nb@x.io,2025-01-02\r\n\r\nc@x.io,2025-01-03,,\r\nd@x.io,2025-01-04,,,extra\r\n',
    );
    expect(rows).toEqual([
      { line: 2, values: { email: "a@x.io", scheduledAt: "2025-01-01", note: "hi, there" } },
      { line: 3, error: "expected 4 fields, found 2" },
      { line: 5, values: { email: "c@x.io", scheduledAt: "2025-01-03", note: "" } },
      { line: 6, error: "expected 4 fields, found 5" },
    ]);
  });

  it("names missing, unknown and duplicate columns", async () => {
    await expect(read("Email,Colour\nx,y")).rejects.toThrow(/missing required column\(s\): scheduledAt.*unknown column\(s\): Colour/);
    await expect(read("email,scheduledat,EMAIL")).rejects.toThrow(/duplicate column\(s\): email/);
    await expect(read("")).rejects.toThrow(/missing header row/);
    const unrestricted = await collect(readHeaderedRows("Email,ScheduledAt,Extra\nx,y,z", { required: ["email", "scheduledAt"] }));
    expect(unrestricted).toEqual([{ line: 2, values: { email: "x", scheduledAt: "y", extra: "z" } }]);
  });
});

describe("toCsv", () => {
  const columns = [
    { key: "a", header: "A" },
    { key: "b", header: 'Note, "B"' },
  ];

  it("round-trips nasty values through parseCsvText", () => {
    const nasty = ["a,b", '"quoted"', 'say ""hi""', "line1\nline2", "cr\ronly", "crlf\r\nend", "", " padded ", "日本🚀", "tab\there", "a=b", "trailing,"];
    const rows = nasty.map((v, i) => ({ a: i, b: v }));
    const parsed = parseCsvText(toCsv(rows, columns)).map((r) => r.record);
    expect(parsed).toEqual([["A", 'Note, "B"'], ...nasty.map((v, i) => [String(i), v])]);
  });

  it("writes RFC 4180 with CRLF, empty nulls and ISO dates", () => {
    const rows = [
      { a: 'x,"y"', b: null },
      { a: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)), b: undefined },
      { a: -5, b: 2.5 },
      { a: true, b: { tags: ["x"] } },
    ];
    expect(toCsv(rows, columns)).toBe('A,"Note, ""B"""\r\n"x,""y""",\r\n2025-01-02T03:04:05.000Z,\r\n-5,2.5\r\ntrue,"{""tags"":[""x""]}"\r\n');
    expect([...csvChunks(rows, columns)]).toHaveLength(5);
    expect(toCsv([{ a: "x;y", b: "p,q" }], columns, { delimiter: ";" })).toBe('A;"Note, ""B"""\r\n"x;y";p,q\r\n');
  });

  it("neutralises spreadsheet formulas in text but not in numbers", () => {
    const rows = ["=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", '=HYPERLINK("http://x","a,b")'].map((b) => ({ a: -1, b }));
    const out = parseCsvText(toCsv(rows, columns))
      .slice(1)
      .map((r) => r.record);
    expect(out).toEqual([
      ["-1", "'=1+1"],
      ["-1", "'+1"],
      ["-1", "'-1"],
      ["-1", "'@SUM(A1)"],
      ["-1", "'\tcmd"],
      ["-1", '\'=HYPERLINK("http://x","a,b")'],
    ]);
  });
});

describe("export then import", () => {
  it("gives back every text exactly, formula guard and all", () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.constantFrom("=1+1", "'=1+1", "''+x", "-", "@who", "\tx", "\r\n", "'", 'a,"b"\n\'c'),
    );
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (cells) => {
        // A title first, as in every export row (a record of one empty field reads as a blank line).
        const all = ["title", ...cells];
        const columns = all.map((_, i) => ({ key: `c${i}`, header: `c${i}` }));
        const csv = toCsv([Object.fromEntries(all.map((c, i) => [`c${i}`, c]))], columns);
        const [, row] = parseCsvText(csv);
        expect(row!.record.map(unneutralise)).toEqual(all);
      }),
      { numRuns: 500 },
    );
  });
});
