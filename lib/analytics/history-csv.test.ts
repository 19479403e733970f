import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { historyTemplate, readHistoryCsv, type HistoryAccount } from "./history-csv";

const A: HistoryAccount[] = [
  { id: "0b5e7a4c-1d2e-4f60-8a9b-0c1d2e3f4a5b", name: "Brand", platform: "instagram" },
  { id: "1c6f8b5d-2e3f-4071-9bac-1d2e3f4a5b6c", name: "Brand", platform: "mastodon" },
  { id: "2d7a9c6e-3f40-4182-acbd-2e3f4a5b6c7d", name: "News desk", platform: "x" },
];
const NOW = new Date("2025-06-01T12:00:00Z");
const HEADER = "account,posted_at,timezone,content_type,impressions,reach,likes,comments,shares,clicks";

const read = (text: string, maxRows?: number) => readHistoryCsv(text, { accounts: A, now: NOW, maxRows });
/** The AppError a file is refused with. */
function refusal(text: string, maxRows?: number): AppError {
  try {
    read(text, maxRows);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("the file was not refused");
}
const errorsOf = (text: string) => read(text).errors;

describe("history CSV: the header", () => {
  it("takes the columns in any order and letter case, after a byte-order mark, with CRLF", () => {
    const r = read(
      `\uFEFFClicks,SHARES,comments,likes,reach,impressions,content_type,timezone,posted_at,Account\r\n3,2,1,10,,100,,UTC,2025-01-02 09:15,News desk\r\n`,
    );
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({
      row: 2,
      account: { name: "News desk" },
      postedAt: new Date("2025-01-02T09:15:00Z"),
      timezone: "UTC",
      contentType: "post",
      counts: { impressions: 100, reach: null, likes: 10, comments: 1, shares: 2, clicks: 3 },
    });
  });

  it("refuses an unknown, a missing and a repeated column, every one named", () => {
    const extra = refusal(`${HEADER},notes\nNews desk,2025-01-02 09:15,UTC,,,,,,,,x\n`);
    expect(extra.code).toBe("bad_request:csv");
    expect(extra.message).toMatch(/^unknown column notes: the header must name exactly these columns/);
    expect(extra.details).toEqual({ errors: [{ row: 1, column: "notes", message: expect.stringMatching(/^unknown column/) }] });

    const missing = refusal("account,posted_at,timezone,content_type,impressions,likes,comments,shares,clicks\n");
    expect(missing.message).toMatch(/^missing column reach:/);
    expect(missing.details).toEqual({ errors: [{ row: 1, column: "reach", message: "is missing from the header" }] });

    const twice = refusal(`${HEADER},likes\n`);
    expect(twice.message).toMatch(/named twice: likes/);

    const near = refusal(HEADER.replace("posted_at", "Posted At"));
    expect(near.details).toMatchObject({
      errors: expect.arrayContaining([{ row: 1, column: "Posted At", message: "unknown column; did you mean posted_at?" }]),
    });
  });

  it("refuses an empty file and a file with only the header (blank rows do not count)", () => {
    expect(refusal("").message).toMatch(/^the file is empty/);
    expect(refusal("\r\n\n").message).toMatch(/^the file is empty/);
    expect(refusal(`${HEADER}\n`).message).toMatch(/header but no rows/);
    expect(refusal(`${HEADER}\n,,,,,,,,,\n\n`).message).toMatch(/header but no rows/);
  });

  it("ignores columns without a header while they are empty", () => {
    const r = read(`${HEADER},,\nNews desk,2025-01-02 09:15,UTC,,,,,,,,,\nNews desk,2025-01-03 09:15,UTC,,,,,,,,,oops\n`);
    expect(r.rows.map((x) => x.row)).toEqual([2]);
    expect(r.errors).toEqual([{ row: 3, column: null, message: "column L has a value but no header; remove it or name the column" }]);
  });
});

describe("history CSV: rows", () => {
  it("numbers rows as a spreadsheet does: blank lines count, line breaks inside a quoted cell do not", () => {
    const file = `${HEADER}\n"News\ndesk",2025-01-02 09:15,UTC,,,,,,,\n\nNope,2025-01-02 09:15,UTC,,,,,,,\n`;
    expect(errorsOf(file).map((e) => [e.row, e.column])).toEqual([
      [2, "account"],
      [4, "account"],
    ]);
  });

  it("finds the account by id, by name in any case, or by platform:name; an ambiguous name names the platforms", () => {
    const r = read(
      [
        HEADER,
        `${A[2]!.id},2025-01-02 09:00,UTC,,,,,,,`,
        "news DESK,2025-01-02 10:00,UTC,,,,,,,",
        "mastodon:brand,2025-01-02 11:00,UTC,,,,,,,",
        "Brand,2025-01-02 12:00,UTC,,,,,,,",
        "9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f,2025-01-02 12:00,UTC,,,,,,,",
        "x:Brand,2025-01-02 12:00,UTC,,,,,,,",
        ",2025-01-02 12:00,UTC,,,,,,,",
      ].join("\n"),
    );
    expect(r.rows.map((x) => x.account.id)).toEqual([A[2]!.id, A[2]!.id, A[1]!.id]);
    expect(r.errors).toEqual([
      { row: 5, column: "account", message: '"Brand" names 2 accounts (Instagram, Mastodon): write platform:name (e.g. instagram:Brand) or the account\'s id' },
      { row: 6, column: "account", message: expect.stringMatching(/^unknown account "9f9f9f9f-.*": no account of this workspace has that name or id/) },
      { row: 7, column: "account", message: expect.stringMatching(/^unknown account "x:Brand"/) },
      { row: 8, column: "account", message: "is empty: write the account's name or id" },
    ]);
  });

  it("reads posted_at with a space or T, seconds optional, as a wall time in the row's zone", () => {
    const r = read(
      [
        HEADER,
        "News desk,2025-01-02 09:15,Europe/Berlin,,,,,,,",
        "News desk,2024-07-02T09:15:30,europe/berlin,,,,,,,",
        "News desk,2025-01-02 23:30,America/Los_Angeles,,,,,,,",
      ].join("\n"),
    );
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.postedAt.toISOString(), x.timezone])).toEqual([
      ["2025-01-02T08:15:00.000Z", "Europe/Berlin"],
      ["2024-07-02T07:15:30.000Z", "Europe/Berlin"],
      ["2025-01-03T07:30:00.000Z", "America/Los_Angeles"],
    ]);
  });

  it("refuses a bad, impossible, offset or future time and a bad zone, naming the column", () => {
    const errs = errorsOf(
      [
        HEADER,
        "News desk,02/01/2025 09:15,UTC,,,,,,,",
        "News desk,2025-02-30 09:15,UTC,,,,,,,",
        "News desk,2025-01-02T09:15:00Z,UTC,,,,,,,",
        "News desk,2025-06-01 12:01,UTC,,,,,,,",
        "News desk,2025-01-02 09:15,Mars/Olympus,,,,,,,",
        "News desk,2025-01-02 09:15,+02:00,,,,,,,",
        "News desk,2025-01-02 09:15,,,,,,,,",
        "News desk,,UTC,,,,,,,",
      ].join("\n"),
    );
    expect(errs).toEqual([
      { row: 2, column: "posted_at", message: expect.stringMatching(/^"02\/01\/2025 09:15" is not a date-time: write YYYY-MM-DD HH:mm/) },
      { row: 3, column: "posted_at", message: expect.stringMatching(/^"2025-02-30 09:15" is not a valid time: February 2025 has 28 days/) },
      { row: 4, column: "posted_at", message: expect.stringMatching(/has an offset or Z/) },
      { row: 5, column: "posted_at", message: "2025-06-01 12:01 in UTC is in the future: history holds posts that already went out" },
      { row: 6, column: "timezone", message: expect.stringMatching(/^"Mars\/Olympus" is not an IANA time zone/) },
      { row: 7, column: "timezone", message: expect.stringMatching(/^"\+02:00" is not an IANA time zone/) },
      { row: 8, column: "timezone", message: expect.stringMatching(/^is required/) },
      { row: 9, column: "posted_at", message: expect.stringMatching(/^is required/) },
    ]);
  });

  it("moves a time the clocks skip on by the gap and reads one they show twice as the first, with a warning each", () => {
    const r = read([HEADER, "News desk,2024-03-31 02:30,Europe/Berlin,,,,,,,", "News desk,2024-10-27 02:30,Europe/Berlin,,,,,,,"].join("\n"));
    expect(r.errors).toEqual([]);
    // 02:30 does not exist on 31 March (02:00 → 03:00): 02:30 at the winter offset is 01:30 UTC, 03:30 on the clock.
    expect(r.rows[0]!.postedAt.toISOString()).toBe("2024-03-31T01:30:00.000Z");
    // 02:30 happens twice on 27 October: the first is still summer time (UTC+2).
    expect(r.rows[1]!.postedAt.toISOString()).toBe("2024-10-27T00:30:00.000Z");
    expect(r.warnings).toEqual([
      { row: 2, column: "posted_at", message: expect.stringMatching(/does not exist in Europe\/Berlin: clocks jump from 02:00 to 03:00.*; read as 03:30$/) },
      { row: 3, column: "posted_at", message: "2024-10-27 02:30 happens twice in Europe/Berlin (the clocks go back); read as the first, at UTC+02:00" },
    ]);
  });

  it("takes content types in any case, empty as post, and refuses others", () => {
    const r = read(
      [HEADER, "News desk,2025-01-02 09:00,UTC,ARTICLE,,,,,,", "News desk,2025-01-02 10:00,UTC,,,,,,,", "News desk,2025-01-02 11:00,UTC,reel,,,,,,"].join("\n"),
    );
    expect(r.rows.map((x) => x.contentType)).toEqual(["article", "post"]);
    expect(r.errors).toEqual([{ row: 4, column: "content_type", message: '"reel" is not a content type: post, article, thread, carousel (empty means post)' }]);
  });

  it("reads counts: empty is null, 0 is 0, whole numbers up to 2^31−1; every bad one is listed with its column", () => {
    const ok = read([HEADER, "News desk,2025-01-02 09:00,UTC,,0,,12.0, 7 ,2147483647,"].join("\n"));
    expect(ok.rows[0]!.counts).toEqual({ impressions: 0, reach: null, likes: 12, comments: 7, shares: 2147483647, clicks: null });
    const bad = read([HEADER, 'News desk,2025-01-02 09:00,UTC,,-5,1.5,2147483648,"1,234",abc,1e3'].join("\n"));
    expect(bad.rows).toEqual([]);
    expect(bad.errorRows).toBe(1);
    expect(bad.errors.map((e) => [e.column, e.message])).toEqual([
      ["impressions", '"-5" is negative: counts are 0 or more'],
      ["reach", '"1.5" is not a whole number'],
      ["likes", '"2147483648" is larger than 2,147,483,647'],
      ["comments", '"1,234" is not a number: write a whole number without separators, or leave it empty'],
      ["shares", '"abc" is not a number: write a whole number without separators, or leave it empty'],
      ["clicks", '"1e3" is not a number: write a whole number without separators, or leave it empty'],
    ]);
  });

  it("refuses a second row for the same account and moment, and a row with the wrong number of cells", () => {
    const errs = errorsOf(
      [
        HEADER,
        "News desk,2025-01-02 09:00,UTC,,1,,,,,",
        "news desk,2025-01-02 10:00,Europe/Berlin,,2,,,,,",
        "News desk,2025-01-02 09:00,UTC,,3,,,,",
        "News desk,2025-01-02 11:00,UTC,,3,,,,,,x",
      ].join("\n"),
    );
    expect(errs).toEqual([
      { row: 3, column: "posted_at", message: "repeats row 2: the same account and moment (one row per post)" },
      { row: 4, column: null, message: "has 9 cells where the header has 10" },
      { row: 5, column: null, message: "has 11 cells where the header has 10" },
    ]);
  });

  it("refuses broken quoting naming the row, and more rows than the cap with 413", () => {
    const broken = refusal(`${HEADER}\nNews desk,2025-01-02 09:00,UTC,,,,,,,\n"News desk,2025-01-02 10:00,UTC,,,,,,,\n`);
    expect(broken.status).toBe(400);
    expect(broken.message).toBe("row 3: unterminated quoted field");
    const rows = Array.from({ length: 4 }, (_, i) => `News desk,2025-01-0${i + 1} 09:00,UTC,,,,,,,`);
    expect(read([HEADER, ...rows].join("\n"), 4).rows).toHaveLength(4);
    const capped = refusal([HEADER, ...rows, "News desk,2025-01-09 09:00,UTC,,,,,,,"].join("\n"), 4);
    expect(capped.status).toBe(413);
    expect(capped.details).toEqual({ limit_rows: 4 });
  });

  it("lists every problem of a row at once", () => {
    const errs = errorsOf([HEADER, "Nobody,yesterday,Nowhere,video,-1,,,,,"].join("\n"));
    expect(errs.map((e) => e.column)).toEqual(["account", "posted_at", "timezone", "content_type", "impressions"]);
  });
});

describe("history CSV: the template", () => {
  it("is a file the import takes as it is, on the workspace's accounts, in the person's zone", () => {
    const text = historyTemplate(["News desk", "=Brand, inc"], "America/New_York", NOW);
    expect(text.split("\r\n")[0]).toBe(HEADER);
    const accounts = [...A, { id: "3e8b0d7f-4051-4293-bdce-3f4a5b6c7d8e", name: "=Brand, inc", platform: "x" }];
    const r = readHistoryCsv(text, { accounts, now: NOW });
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.account.name, x.postedAt.toISOString(), x.timezone, x.contentType])).toEqual([
      ["News desk", "2025-05-30T13:30:00.000Z", "America/New_York", "post"],
      ["=Brand, inc", "2025-05-31T22:00:00.000Z", "America/New_York", "thread"],
    ]);
    expect(r.rows[1]!.counts).toEqual({ impressions: null, reach: 900, likes: 31, comments: 4, shares: null, clicks: null });
  });
});
