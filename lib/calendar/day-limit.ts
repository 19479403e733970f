import type { CalendarEventData } from "./board";

/**
 * What a month grid needs of a day's posts when it shows at most `limit` of them: the first
 * `limit` in the grid's own order and one more (so the grid draws its "+N more" link), and how
 * many it leaves out. A month of 2,000 posts then hands the grid about five per day instead of
 * sixty-five: parsing, slicing, sorting and placing every post (twice, as the grid measures its
 * chips) was most of the month's time to interactive.
 *
 * The order is the grid's default (`start,-duration,allDay,title`): start, the longer first, the
 * title, then the order given. A post's day is the day of its wall time in the calendar's zone
 * (its `start` is written with that zone's offset); a post is a moment and belongs to one day.
 */
export type DayLimited = {
  /** The posts to give the grid, each day's first `limit` and, when more, the next one. */
  events: CalendarEventData[];
  /** Per day (`YYYY-MM-DD`) with more than `limit` posts, how many are behind its "+N more" link. */
  hidden: Map<string, number>;
};

type Keyed = { e: CalendarEventData; start: number; duration: number; at: number };

function order(a: Keyed, b: Keyed): number {
  return a.start - b.start || b.duration - a.duration || a.e.title.localeCompare(b.e.title) || a.at - b.at;
}

export function limitPerDay(events: CalendarEventData[], limit: number): DayLimited {
  const byDay = new Map<string, CalendarEventData[]>();
  for (const e of events) {
    const day = e.start.slice(0, 10);
    const list = byDay.get(day);
    if (list) list.push(e);
    else byDay.set(day, [e]);
  }
  const out: CalendarEventData[] = [];
  const hidden = new Map<string, number>();
  for (const [day, list] of byDay) {
    if (list.length <= limit + 1) {
      // The grid shows them all, or all but one behind "+1 more": it needs them all.
      for (const e of list) out.push(e);
      if (list.length > limit) hidden.set(day, list.length - limit);
      continue;
    }
    const keyed = list.map((e, at): Keyed => {
      const start = Date.parse(e.start);
      return { e, start, duration: Date.parse(e.end) - start || 0, at };
    });
    keyed.sort(order);
    for (let i = 0; i <= limit; i++) out.push(keyed[i]!.e);
    hidden.set(day, list.length - limit);
  }
  return { events: out, hidden };
}
