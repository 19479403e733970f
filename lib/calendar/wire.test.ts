import { describe, expect, it } from "vitest";
import type { CalendarEventData, ConflictData } from "./board";
import { packEvents, unpackEvents } from "./wire";
import { calendarEvent } from "./test-event";

const ev = (over: Partial<CalendarEventData>): CalendarEventData => calendarEvent(over);

describe("the calendar's packed events", () => {
  it("give back every event as it was, field for field", () => {
    const events = [
      ev({}),
      ev({ id: "b", title: 'Two, "quoted"', tags: ["launch", "q1"], version: 7, editable: false, publish_status: "published", color: "#16a34a" }),
      ev({
        id: "c",
        awaiting_approval: true,
        account_broken: true,
        account_status: "needs_reconnect",
        account_name: "B",
        platform_account_id: "acc2",
        platform_id: "y",
      }),
      // The same account read with another state (it changed between two reads): kept apart.
      ev({ id: "d", account_status: "error" }),
      // Crossing a DST change: the end's offset is not the start's.
      ev({ id: "e", start: "2026-03-29T01:45:00+01:00", end: "2026-03-29T03:15:00+02:00" }),
      // Late in the day: the end is on the next day.
      ev({ id: "f", start: "2026-03-01T23:50:00-05:00", end: "2026-03-02T00:20:00-05:00" }),
      // A colour that is not its status's, and fields left out.
      ev({ id: "g", color: "#abcdef", awaiting_approval: undefined, account_status: undefined, account_broken: undefined }),
    ];
    const conflicts: ConflictData[] = [
      { type: "min_gap", severity: "warning", schedule_ids: ["a", "b"], message: "2 posts less than 15 minutes apart" },
      // A schedule outside the events read (the range's edge) keeps its id.
      { type: "blackout", severity: "error", schedule_ids: ["g", "elsewhere"], message: "In a blackout" },
    ];
    const unpacked = unpackEvents(JSON.parse(JSON.stringify(packEvents(events, conflicts))));
    expect(unpacked.conflicts).toEqual(conflicts);
    const back = unpacked.events;
    expect(back).toEqual(events);
    expect(back.map((e) => Object.keys(e).sort())).toEqual(
      events.map((e) =>
        Object.keys(e)
          .filter((k) => e[k as keyof CalendarEventData] !== undefined)
          .sort(),
      ),
    );
  });

  it("say an account and a status's colour once, and a post's 30-minute end not at all", () => {
    const events = Array.from({ length: 50 }, (_, i) => ev({ id: `s${i}` }));
    const packed = packEvents(events);
    expect(packed.accounts).toHaveLength(1);
    expect(packed.colors).toEqual({ pending: "#2563eb" });
    expect(packed.rows.every((r) => r.length === 9)).toBe(true);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(events).length / 2);
  });
});
