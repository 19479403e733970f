import { describe, expect, it } from "vitest";
import { lastDays, parseDay, parseRange, readRange, zoneSegments } from "./range";

const at = (iso: string) => new Date(iso);

describe("analytics range", () => {
  it("defaults to the last 30 days ending today in the viewer's zone", () => {
    // 23:30 UTC on 2 March is already 3 March in Berlin.
    const { range, note } = readRange({}, at("2026-03-02T23:30:00Z"), "Europe/Berlin");
    expect(note).toBeNull();
    expect(range.to).toBe("2026-03-03");
    expect(range.from).toBe("2026-02-02");
    expect(range.days).toHaveLength(30);
    expect(range.preset).toBe(30);
    expect(range.start.toISOString()).toBe("2026-02-01T23:00:00.000Z");
    expect(range.end.toISOString()).toBe("2026-03-03T23:00:00.000Z");
  });

  it("recognises presets only when the range ends today", () => {
    const now = at("2026-06-10T12:00:00Z");
    expect(lastDays(7, now, "UTC")).toMatchObject({ from: "2026-06-04", to: "2026-06-10", preset: 7 });
    const r = parseRange("2026-05-28", "2026-06-03", now, "UTC");
    expect(r.ok && r.range.preset).toBeNull();
    const custom = parseRange("2026-06-01", "2026-06-10", now, "UTC");
    expect(custom.ok && custom.range.days).toEqual([
      "2026-06-01",
      "2026-06-02",
      "2026-06-03",
      "2026-06-04",
      "2026-06-05",
      "2026-06-06",
      "2026-06-07",
      "2026-06-08",
      "2026-06-09",
      "2026-06-10",
    ]);
  });

  it("rejects bad dates, reversed and overlong ranges with a reason", () => {
    const now = at("2026-06-10T12:00:00Z");
    expect(parseDay("2026-02-30").ok).toBe(false);
    expect(parseDay("yesterday").ok).toBe(false);
    expect(parseRange("2026-06-10", "2026-06-01", now, "UTC")).toEqual({ ok: false, message: "from (2026-06-10) is after to (2026-06-01)" });
    expect(parseRange("2024-01-01", "2026-01-01", now, "UTC")).toMatchObject({ ok: false, message: expect.stringContaining("at most 366") });
    const { range, note } = readRange({ from: "2026-13-01" }, now, "UTC");
    expect(note).toMatch(/^Showing the last 30 days instead: from: "2026-13-01"/);
    expect(range).toMatchObject({ from: "2026-05-12", to: "2026-06-10" });
  });

  it("an unknown zone counts as UTC", () => {
    const r = parseRange("2026-06-01", "2026-06-01", at("2026-06-10T12:00:00Z"), "Not/AZone");
    expect(r.ok && r.range.zone).toBe("UTC");
    expect(r.ok && r.range.start.toISOString()).toBe("2026-06-01T00:00:00.000Z");
  });

  it("cuts the range at DST changes to the minute", () => {
    // Europe/Berlin springs forward at 01:00 UTC on 29 March 2026 and falls back at 01:00 UTC on 25 October.
    const r = parseRange("2026-03-01", "2026-10-31", at("2026-11-01T12:00:00Z"), "Europe/Berlin");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.range.segments).toEqual({
      starts: ["2026-02-28T23:00:00.000Z", "2026-03-29T01:00:00.000Z", "2026-10-25T01:00:00.000Z"],
      offsets: [60, 120, 60],
    });
    // A day of 23 hours: the range still ends at local midnight.
    expect(r.range.end.toISOString()).toBe("2026-10-31T23:00:00.000Z");
  });

  it("keeps one segment for zones without changes, including half-hour offsets", () => {
    expect(zoneSegments(at("2026-01-01T00:00:00Z"), at("2026-12-31T00:00:00Z"), "Asia/Kolkata")).toEqual({
      starts: ["2026-01-01T00:00:00.000Z"],
      offsets: [330],
    });
    expect(zoneSegments(at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z"), "UTC")).toEqual({ starts: ["2026-01-01T00:00:00.000Z"], offsets: [0] });
  });
});
