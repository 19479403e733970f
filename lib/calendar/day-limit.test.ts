import { describe, expect, it } from "vitest";
import type { CalendarEventData } from "./board";
import { limitPerDay } from "./day-limit";
import { calendarEvent } from "./test-event";

const ev = (id: string, start: string, over: Partial<CalendarEventData> = {}): CalendarEventData =>
  calendarEvent({
    id,
    title: `Post ${id}`,
    start,
    end: start.replace(/T(\d\d):(\d\d)/, (_, h: string, m: string) => `T${h}:${String(Number(m) + 30).padStart(2, "0")}`),
    ...over,
  });

describe("a month grid's posts per day", () => {
  it("keeps every post of a day the grid shows whole, or whole but one", () => {
    const events = [ev("a", "2027-01-04T09:00:00+01:00"), ev("b", "2027-01-04T08:00:00+01:00"), ev("c", "2027-01-05T10:00:00+01:00")];
    const whole = limitPerDay(events, 2);
    expect(new Set(whole.events)).toEqual(new Set(events));
    expect(whole.hidden).toEqual(new Map());
    const four = [...events, ev("d", "2027-01-04T07:00:00+01:00")];
    const r = limitPerDay(four, 2);
    expect(new Set(r.events)).toEqual(new Set(four));
    expect(r.events).toHaveLength(4);
    expect(r.hidden).toEqual(new Map([["2027-01-04", 1]]));
  });

  it("gives a busy day's first posts in the grid's order and one more, and counts the rest", () => {
    const events = [
      ev("late", "2027-01-04T18:00:00+01:00"),
      ev("b", "2027-01-04T09:00:00+01:00", { title: "Bravo" }),
      ev("a", "2027-01-04T09:00:00+01:00", { title: "alpha" }),
      ev("long", "2027-01-04T09:00:00+01:00", { title: "Zulu", end: "2027-01-04T10:00:00+01:00" }),
      ev("early", "2027-01-04T07:00:00+01:00"),
      ev("other", "2027-01-05T07:00:00+01:00"),
      ev("noon", "2027-01-04T12:00:00+01:00"),
    ];
    const r = limitPerDay(events, 3);
    // Start first, then the longer, then the title; the day after is untouched.
    expect(r.events.map((e) => e.id)).toEqual(["early", "long", "a", "b", "other"]);
    expect(r.hidden).toEqual(new Map([["2027-01-04", 3]]));
  });

  it("takes a post's day from its wall time in the calendar's zone, not from UTC", () => {
    // 23:30 in New York is the next day in UTC: it still counts for the 4th.
    const events = ["20:00", "21:00", "22:00", "23:30"].map((t, i) => ev(String(i), `2027-01-04T${t}:00-05:00`));
    const r = limitPerDay(events, 1);
    expect(r.events.map((e) => e.id)).toEqual(["0", "1"]);
    expect(r.hidden).toEqual(new Map([["2027-01-04", 3]]));
  });

  it("keeps the same posts in the same order when given them in another order", () => {
    const events = Array.from({ length: 40 }, (_, i) =>
      ev(`p${i}`, `2027-01-04T${String(8 + (i % 10)).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}:00Z`),
    );
    const a = limitPerDay(events, 4);
    const b = limitPerDay([...events].reverse(), 4);
    expect(b.events.map((e) => e.id)).toEqual(a.events.map((e) => e.id));
    expect(a.events).toHaveLength(5);
    expect(a.hidden.get("2027-01-04")).toBe(36);
  });
});
