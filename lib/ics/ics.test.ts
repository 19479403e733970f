import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar, calendarChunks, type IcsEvent } from "./index";

// ical.js leaves unregistered X-/RFC 7986 properties raw; calendar apps read these two as TEXT.
for (const name of ["x-wr-calname", "name"]) ICAL.design.icalendar.property[name] = { defaultType: "text" };

const NOW = new Date("2025-03-01T12:00:00Z");
const NASTY =
  'Launch, phase 1; "quoted" back\\slash\nsecond line\r\nthird 🚀🎉👩‍💻 日本語の長い件名がここに続きます、折り返しが必要になるほど長い。 Ünïcödé ñ end';

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return { cal, events: cal.getAllSubcomponents("vevent") };
}
const time = (c: ICAL.Component, name: string) => c.getFirstPropertyValue(name) as ICAL.Time;

function physicalLines(text: string): string[] {
  expect(text.endsWith("\r\n")).toBe(true);
  const lines = text.split("\r\n");
  expect(lines.pop()).toBe("");
  return lines;
}

const full: IcsEvent = {
  uid: "post-42@scheduler.example",
  start: new Date("2025-03-04T09:30:15.750Z"),
  end: new Date("2025-03-04T10:00:00Z"),
  summary: NASTY,
  description: `Body with, commas; and\nnewlines \\ and a long tail ${"x".repeat(120)}`,
  url: "https://scheduler.example/posts/42?tab=preview&x=1",
  status: "TENTATIVE",
  categories: ["twitter, x", "launch;v2", "日本"],
  lastModified: new Date("2025-02-28T08:07:06Z"),
  sequence: 3,
};

describe("buildCalendar", () => {
  it("round-trips every field through ical.js", () => {
    const text = buildCalendar({ name: 'Team, "Marketing"; Q1', events: [full], now: NOW, refreshMinutes: 15 });
    const { cal, events } = parse(text);
    expect(cal.getFirstPropertyValue("version")).toBe("2.0");
    expect(cal.getFirstPropertyValue("prodid")).toBe("-//Content Scheduler//Calendar Feed//EN");
    expect(cal.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(cal.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(cal.getFirstPropertyValue("x-wr-calname")).toBe('Team, "Marketing"; Q1');
    expect(cal.getFirstPropertyValue("name")).toBe('Team, "Marketing"; Q1');
    expect(String(cal.getFirstPropertyValue("x-published-ttl"))).toBe("PT15M");
    const refresh = cal.getFirstProperty("refresh-interval");
    expect(refresh?.type).toBe("duration");
    expect((refresh?.getFirstValue() as ICAL.Duration).toSeconds()).toBe(15 * 60);

    expect(events).toHaveLength(1);
    const ev = events[0]!;
    expect(ev.getFirstPropertyValue("uid")).toBe("post-42@scheduler.example");
    expect(ev.getFirstPropertyValue("summary")).toBe(NASTY.replace(/\r\n/g, "\n"));
    expect(ev.getFirstPropertyValue("description")).toBe(full.description);
    expect(ev.getFirstPropertyValue("url")).toBe(full.url);
    expect(ev.getFirstPropertyValue("status")).toBe("TENTATIVE");
    expect(ev.getFirstPropertyValue("sequence")).toBe(3);
    expect(ev.getFirstProperty("categories")?.getValues()).toEqual(["twitter, x", "launch;v2", "日本"]);
    // Sub-second precision is not representable; it must truncate, not round.
    expect(time(ev, "dtstart").toJSDate().toISOString()).toBe("2025-03-04T09:30:15.000Z");
    expect(time(ev, "dtend").toJSDate().toISOString()).toBe("2025-03-04T10:00:00.000Z");
    expect(time(ev, "last-modified").toJSDate().toISOString()).toBe("2025-02-28T08:07:06.000Z");
    expect(time(ev, "dtstamp").toJSDate().toISOString()).toBe(NOW.toISOString());
    for (const name of ["dtstart", "dtend", "dtstamp", "last-modified"]) expect(time(ev, name).zone?.tzid).toBe("UTC");
  });

  it("writes the exact escaped and UTC forms", () => {
    const text = buildCalendar({ name: "n", events: [{ ...full, summary: "a,b;c\\d\r\ne\rf" }], now: NOW });
    const unfolded = text.replace(/\r\n /g, "").split("\r\n");
    expect(unfolded).toContain("SUMMARY:a\\,b\\;c\\\\d\\ne\\nf");
    expect(unfolded).toContain("DTSTART:20250304T093015Z");
    expect(unfolded).toContain("DTEND:20250304T100000Z");
    expect(unfolded).toContain("DTSTAMP:20250301T120000Z");
    expect(unfolded).toContain("LAST-MODIFIED:20250228T080706Z");
    expect(unfolded).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT60M");
    expect(unfolded.slice(0, 5)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0", expect.stringMatching(/^PRODID:/), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]);
    expect(unfolded.at(-2)).toBe("END:VCALENDAR");
  });

  it("folds at 75 octets with CRLF, never splitting a UTF-8 character", () => {
    const text = buildCalendar({
      name: "日本語".repeat(40),
      events: [full, { ...full, uid: "b", summary: "🚀".repeat(100) }, { ...full, uid: "c", summary: "é".repeat(90) }],
      now: NOW,
    });
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = physicalLines(text);
    expect(lines.filter((l) => l.startsWith(" ")).length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
      // A split surrogate pair would not survive a UTF-8 round trip.
      expect(Buffer.from(line, "utf8").toString("utf8")).toBe(line);
    }
    // Folding should use all 75 octets: "SUMMARY:" + 16 rockets = 72, then " " + 18 rockets = 73 per line.
    const rocketLines = lines.filter((l) => l.includes("🚀🚀")).map((l) => [...l.replace(/^ |^SUMMARY:/, "")].length);
    expect(rocketLines).toEqual([16, 18, 18, 18, 18, 12]);
    expect(parse(text).events[1]!.getFirstPropertyValue("summary")).toBe("🚀".repeat(100));
    expect(parse(text).events[2]!.getFirstPropertyValue("summary")).toBe("é".repeat(90));
  });

  it("handles 1,000 events, streaming one chunk per event", () => {
    let pulled = 0;
    function* many(): Generator<IcsEvent> {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        const start = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000);
        yield { uid: `post-${i}@x`, start, end: new Date(start.getTime() + 900_000), summary: `${i}: ${NASTY}` };
      }
    }
    const chunks = calendarChunks({ name: "Big", events: many(), now: NOW });
    chunks.next();
    chunks.next();
    expect(pulled).toBe(1);
    const text = buildCalendar({ name: "Big", events: many(), now: NOW });
    for (const line of physicalLines(text)) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const { events } = parse(text);
    expect(events).toHaveLength(1000);
    events.forEach((ev, i) => {
      expect(ev.getFirstPropertyValue("uid")).toBe(`post-${i}@x`);
      expect(ev.getFirstPropertyValue("summary")).toBe(`${i}: ${NASTY.replace(/\r\n/g, "\n")}`);
      expect(time(ev, "dtstart").toJSDate().getTime()).toBe(Date.UTC(2025, 0, 1) + i * 3_600_000);
      expect(time(ev, "dtend").toJSDate().getTime()).toBe(Date.UTC(2025, 0, 1) + i * 3_600_000 + 900_000);
    });
    expect(buildCalendar({ name: "Big", events: many(), now: NOW })).toBe(text);
    expect([...calendarChunks({ name: "Big", events: many(), now: NOW })]).toHaveLength(1002);
  });

  it("keeps UIDs stable across builds and omits DTEND for instants", () => {
    const instant = { uid: "i@x", start: full.start, end: full.start, summary: "now" };
    const a = buildCalendar({ name: "n", events: [instant] });
    const b = buildCalendar({ name: "n", events: [instant] });
    expect(a.match(/^UID:.*$/m)?.[0]).toBe(b.match(/^UID:.*$/m)?.[0]);
    expect(a).not.toMatch(/^DTEND/m);
    const ev = parse(a).events[0]!;
    expect(ev.getFirstPropertyValue("uid")).toBe("i@x");
    expect(new ICAL.Event(ev).endDate.toJSDate().toISOString()).toBe("2025-03-04T09:30:15.000Z");
  });

  it("cannot be broken by a URL carrying CRLF, and rejects impossible input", () => {
    const text = buildCalendar({ name: "n", events: [{ ...full, url: "https://x.example/a b\r\nX-EVIL:1" }], now: NOW });
    expect(text).not.toMatch(/^X-EVIL/m);
    expect(parse(text).events[0]!.getFirstPropertyValue("url")).toBe("https://x.example/a%20b%0D%0AX-EVIL:1");
    expect(() => buildCalendar({ name: "n", events: [{ ...full, end: new Date(0) }] })).toThrow(RangeError);
    expect(() => buildCalendar({ name: "n", events: [{ ...full, start: new Date(NaN) }] })).toThrow(/Invalid Date/);
    expect(() => buildCalendar({ name: "n", events: [{ ...full, sequence: -1 }] })).toThrow(RangeError);
    expect(() => buildCalendar({ name: "n", events: [], refreshMinutes: 0 })).toThrow(RangeError);
  });
});
