"use client";
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import FullCalendar from "@fullcalendar/react";
import type { CalendarOptions, EventDisplayInfo, MoreLinkHandler, MoreLinkInfo } from "@fullcalendar/react";
import dayGridPlugin from "@fullcalendar/react/daygrid";
import timeGridPlugin from "@fullcalendar/react/timegrid";
import listPlugin from "@fullcalendar/react/list";
import interactionPlugin from "@fullcalendar/react/interaction";
import classicTheme from "@fullcalendar/react/themes/classic";
import "@fullcalendar/react/skeleton.css";
import "@fullcalendar/react/themes/classic/theme.css";
import "@fullcalendar/react/themes/classic/palette.css";
import "./calendar.css";
import { wallIn, type CalendarEventData, type ConflictData } from "@/lib/calendar/board";
import { limitPerDay } from "@/lib/calendar/day-limit";
import type { CalendarBlackout } from "@/lib/calendar/blackouts";
import type { Format } from "@/lib/format";
import { EventChip } from "./EventChip";

export type CalendarViewProps = {
  events: CalendarEventData[];
  blackouts: CalendarBlackout[];
  conflicts: Map<string, ConflictData[]>;
  saving: ReadonlySet<string>;
  zone: string;
  /** The person's formatter in the calendar's zone. */
  fmt: Format;
  dark: boolean;
  narrow: boolean;
  canWrite: boolean;
  initialView: string;
  initialDate: string;
  weekStart: number;
  onDatesSet: (view: string, start: string, end: string) => void;
  onMove: (event: CalendarEventData, wall: string) => Promise<boolean>;
  onDropDraft: (draftId: string, date: Date, allDay: boolean) => void;
  onSlotClick: (date: Date, allDay: boolean) => void;
  /** A click (or Enter) on an event opens its details and controls; a drag still moves it. */
  onOpen: (event: CalendarEventData) => void;
};

const VIEWS = "dayGridMonth,timeGridWeek,timeGridDay,listWeek";
const PLUGINS = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, classicTheme];

/**
 * Layout options, one object per width: FullCalendar rebuilds its views when an option object
 * changes identity, which in the middle of a navigation sent it back to the first date.
 */
const LAYOUT = {
  wide: {
    headerToolbar: { start: "prev,next today", center: "title", end: VIEWS },
    footerToolbar: false as const,
    titleFormat: undefined,
    views: { timeGridWeek: { eventMaxStack: 1 }, timeGridDay: { eventMaxStack: 4 } },
    dayMaxEvents: 4,
  },
  narrow: {
    headerToolbar: { start: "prev,next", center: "title", end: "today" },
    footerToolbar: { center: VIEWS },
    // A phone gets short titles ("Dec 28, 2026 – Jan 3, 2027", "January 2027") beside its buttons.
    titleFormat: { year: "numeric", month: "short", day: "numeric" } as const,
    views: {
      dayGridMonth: { titleFormat: { year: "numeric", month: "long" } as const },
      timeGridWeek: { eventMaxStack: 1 },
      timeGridDay: { eventMaxStack: 2 },
    },
    dayMaxEvents: 2,
  },
};
type Formatted = { date: { instantMs: number } };
/** The "+N more" link's tooltip: FullCalendar's would count only the posts it was handed. */
const MORE_HINT = "Show the other posts of this day";

const blackoutContent = (arg: EventDisplayInfo) => {
  const blackout = arg.event.extendedProps.blackout as CalendarBlackout | undefined;
  return blackout ? (
    <span className="calendar-blackout-label" data-testid="calendar-blackout" title={blackout.label}>
      {blackout.label}
    </span>
  ) : null;
};

/**
 * A "+N more" link's words with the day's own count: the grid counts only the posts it was
 * handed, and does not tell its link's content which day it is for; the day cell around it does.
 */
function MoreLinkText(p: { text: string; numericText: string; hiddenOn: (day: string | undefined) => number | undefined }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [day, setDay] = useState<string | undefined>();
  useLayoutEffect(() => setDay(ref.current?.closest<HTMLElement>("[data-date]")?.dataset.date), []);
  const n = p.hiddenOn(day);
  return <span ref={ref}>{n === undefined ? p.text : p.text.replace(p.numericText, `+${n}`)}</span>;
}

/**
 * FullCalendar in the person's zone and locale, fed instants with their offsets; what a drop
 * reports is read back as the wall time in that zone (see lib/calendar/board.ts).
 * Moves are optimistic: the grid shows the drop at once, and reverts if the server refuses.
 */
function FullCalendarView(p: CalendarViewProps) {
  // A month grid shades whole days (it has no hours); the week and day grids shade the hours.
  const [viewType, setViewType] = useState(p.initialView);
  // Where it opens is read once: FullCalendar keeps its own place afterwards.
  const [opening] = useState({ view: p.initialView, date: p.initialDate });
  const byDay = viewType.startsWith("dayGrid");
  const layout = p.narrow ? LAYOUT.narrow : LAYOUT.wide;
  // A month grid shows a few posts a day and "+N more": it is handed only those (see
  // lib/calendar/day-limit.ts), and the count of the others to put in its link.
  const limited = useMemo(() => (byDay ? limitPerDay(p.events, layout.dayMaxEvents) : null), [byDay, p.events, layout.dayMaxEvents]);
  const shown = limited ? limited.events : p.events;
  const fcEvents = useMemo(
    () => [
      ...shown.map((e) => ({
        id: e.id,
        title: e.title,
        start: e.start,
        end: e.end,
        editable: p.canWrite && e.editable,
        extendedProps: { data: e },
      })),
      // Blackout windows: shaded behind the posts, with their reason.
      ...p.blackouts.map((b) => ({
        id: `blackout-${b.id}`,
        title: b.label,
        ...(byDay ? { start: b.start_day, end: b.end_day, allDay: true } : { start: b.start, end: b.end }),
        display: "background",
        editable: false,
        extendedProps: { blackout: b },
      })),
    ],
    [shown, p.blackouts, p.canWrite, byDay],
  );
  // Times in the person's locale and zone (09:00 in Germany, 9:00 AM in the US), as everywhere else.
  const { fmt, zone, conflicts, saving, narrow, onOpen, onDatesSet, onMove, onDropDraft, onSlotClick } = p;
  // How many posts a day's "+N more" link hides, when the grid was not handed them all.
  const hiddenOn = useCallback((day: string | undefined) => (limited && day ? limited.hidden.get(day) : undefined), [limited]);
  const moreLinkContent = useCallback(
    (arg: MoreLinkInfo) => (limited ? <MoreLinkText text={arg.text} numericText={arg.numericText} hiddenOn={hiddenOn} /> : arg.text),
    [limited, hiddenOn],
  );
  // A day whose posts the grid all has opens them in its popover; a busier one opens as a day, with every post.
  const moreLinkClick = useCallback<MoreLinkHandler>(
    (info) => ((hiddenOn(wallIn(info.date, zone).slice(0, 10)) ?? 1) > 1 ? "timeGridDay" : "popover"),
    [hiddenOn, zone],
  );
  const time = useCallback((info: Formatted) => fmt.time(info.date.instantMs), [fmt]);
  // The handlers keep their identity from one render to the next (their inputs are memoised by
  // the board): FullCalendar draws its events again only when what they show changes.
  const eventContent = useCallback(
    (arg: EventDisplayInfo) => {
      const data = arg.event.extendedProps.data as CalendarEventData;
      const type = arg.view.type;
      // A phone's month grid leaves the time out; the chip says it all the same.
      return (
        <EventChip
          event={data}
          timeText={arg.timeText || fmt.time(data.start)}
          conflicts={conflicts.get(data.id)}
          saving={saving.has(data.id)}
          wrap={!type.startsWith("timeGrid")}
          compact={type.startsWith("timeGrid") || (narrow && !type.startsWith("list"))}
        />
      );
    },
    [fmt, conflicts, saving, narrow],
  );
  const eventClick = useCallback<NonNullable<CalendarOptions["eventClick"]>>(
    (info) => {
      info.jsEvent.preventDefault();
      const data = info.event.extendedProps.data as CalendarEventData | undefined;
      if (data) onOpen(data);
    },
    [onOpen],
  );
  const datesSet = useCallback<NonNullable<CalendarOptions["datesSet"]>>(
    (info) => {
      setViewType(info.view.type);
      onDatesSet(info.view.type, wallIn(info.view.currentStart, zone).slice(0, 10), wallIn(info.view.currentEnd, zone).slice(0, 10));
    },
    [onDatesSet, zone],
  );
  const eventDrop = useCallback<NonNullable<CalendarOptions["eventDrop"]>>(
    async (info) => {
      const data = info.event.extendedProps.data as CalendarEventData;
      const ok = await onMove(data, wallIn(info.event.start!, zone));
      if (!ok) info.revert();
    },
    [onMove, zone],
  );
  const drop = useCallback<NonNullable<CalendarOptions["drop"]>>(
    (info) => {
      const id = info.draggedEl.dataset.draftId;
      if (id) onDropDraft(id, info.date, info.allDay);
    },
    [onDropDraft],
  );
  const dateClick = useCallback<NonNullable<CalendarOptions["dateClick"]>>((info) => onSlotClick(info.date, info.allDay), [onSlotClick]);
  return (
    <div data-color-scheme={p.dark ? "dark" : "light"} className={`calendar-root ${p.narrow ? "calendar-narrow" : ""}`} data-testid="calendar">
      <FullCalendar
        plugins={PLUGINS}
        timeZone={p.zone}
        locale={fmt.locale}
        initialView={opening.view}
        initialDate={opening.date}
        firstDay={p.weekStart}
        headerToolbar={layout.headerToolbar}
        footerToolbar={layout.footerToolbar}
        titleFormat={layout.titleFormat}
        views={layout.views}
        height="auto"
        dayMaxEvents={layout.dayMaxEvents}
        moreLinkContent={moreLinkContent}
        moreLinkClick={moreLinkClick}
        moreLinkHint={limited ? MORE_HINT : undefined}
        // Overlapping posts in the week and day views sit side by side, never on top of one
        // another, each wide enough to read (eventMaxStack in LAYOUT); the others at that time
        // are behind a "+N" link.
        slotEventOverlap={false}
        nowIndicator
        eventDisplay="block"
        eventColor="transparent"
        displayEventEnd={false}
        // A post is a moment; its chip is drawn 30 minutes long. One at 23:50 belongs to its own
        // day only, not to the next one as well.
        nextDayThreshold="01:00:00"
        eventTimeFormat={time}
        slotHeaderFormat={time}
        events={fcEvents}
        editable={p.canWrite}
        eventDurationEditable={false}
        droppable={p.canWrite}
        // A CSS variable (light and dark in calendar.css): an option that changed with the theme
        // made FullCalendar rebuild its grid mid-scroll.
        backgroundEventColor="var(--calendar-blackout-fill)"
        backgroundEventContent={blackoutContent}
        eventContent={eventContent}
        eventClick={eventClick}
        datesSet={datesSet}
        eventDrop={eventDrop}
        drop={drop}
        dateClick={p.canWrite ? dateClick : undefined}
      />
    </div>
  );
}

/**
 * Drawn again only when what it shows changes: where it opens (`initialView`, `initialDate`) is
 * read once, so the board telling it the date it now shows does not redraw 2,000 events.
 */
export default memo(FullCalendarView, (a, b) => {
  for (const k of Object.keys(b) as (keyof CalendarViewProps)[]) if (k !== "initialView" && k !== "initialDate" && a[k] !== b[k]) return false;
  return Object.keys(a).length === Object.keys(b).length;
});
