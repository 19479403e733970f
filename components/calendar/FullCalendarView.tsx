"use client";
import { useMemo } from "react";
import FullCalendar from "@fullcalendar/react";
import dayGridPlugin from "@fullcalendar/react/daygrid";
import timeGridPlugin from "@fullcalendar/react/timegrid";
import listPlugin from "@fullcalendar/react/list";
import interactionPlugin from "@fullcalendar/react/interaction";
import classicTheme from "@fullcalendar/react/themes/classic";
import "@fullcalendar/react/skeleton.css";
import "@fullcalendar/react/themes/classic/theme.css";
import "@fullcalendar/react/themes/classic/palette.css";
import { wallFromCalendarDate, wallNow, wallOf, type CalendarEventData, type ConflictData } from "@/lib/calendar/board";
import { EventChip } from "./EventChip";

export type CalendarViewProps = {
  events: CalendarEventData[];
  conflicts: Map<string, ConflictData[]>;
  saving: ReadonlySet<string>;
  zone: string;
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

const WIDE_VIEWS = "dayGridMonth,timeGridWeek,timeGridDay,listWeek";
const NARROW_VIEWS = "listWeek,timeGridDay";

/**
 * FullCalendar in its UTC mode, fed wall times of the chosen zone (see lib/calendar/board.ts).
 * Moves are optimistic: the grid shows the drop at once, and reverts if the server refuses.
 */
export default function FullCalendarView(p: CalendarViewProps) {
  const fcEvents = useMemo(
    () =>
      p.events.map((e) => ({
        id: e.id,
        title: e.title,
        start: wallOf(e.start),
        end: wallOf(e.end),
        editable: p.canWrite && e.editable,
        extendedProps: { data: e },
      })),
    [p.events, p.canWrite],
  );
  return (
    <div data-color-scheme={p.dark ? "dark" : "light"} className={`calendar-root ${p.narrow ? "calendar-narrow" : ""}`} data-testid="calendar">
      <FullCalendar
        plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, classicTheme]}
        timeZone="UTC"
        now={() => wallNow(p.zone)}
        initialView={p.initialView}
        initialDate={p.initialDate}
        firstDay={p.weekStart}
        headerToolbar={p.narrow ? { start: "title", end: "prev,next" } : { start: "prev,next today", center: "title", end: WIDE_VIEWS }}
        footerToolbar={p.narrow ? { start: "today", end: NARROW_VIEWS } : false}
        height="auto"
        dayMaxEvents={4}
        nowIndicator
        eventDisplay="block"
        eventColor="transparent"
        displayEventEnd={false}
        // A post is a moment; its chip is drawn 30 minutes long. One at 23:50 belongs to its own
        // day only, not to the next one as well.
        nextDayThreshold="01:00:00"
        eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        slotHeaderFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        events={fcEvents}
        editable={p.canWrite}
        eventDurationEditable={false}
        droppable={p.canWrite}
        eventContent={(arg) => {
          const data = arg.event.extendedProps.data as CalendarEventData;
          return <EventChip event={data} timeText={arg.timeText} conflicts={p.conflicts.get(data.id)} saving={p.saving.has(data.id)} />;
        }}
        eventClick={(info) => {
          info.jsEvent.preventDefault();
          p.onOpen(info.event.extendedProps.data as CalendarEventData);
        }}
        datesSet={(info) => p.onDatesSet(info.view.type, wallFromCalendarDate(info.view.currentStart).slice(0, 10), wallFromCalendarDate(info.view.currentEnd).slice(0, 10))}
        eventDrop={async (info) => {
          const data = info.event.extendedProps.data as CalendarEventData;
          const ok = await p.onMove(data, wallFromCalendarDate(info.event.start!));
          if (!ok) info.revert();
        }}
        drop={(info) => {
          const id = info.draggedEl.dataset.draftId;
          if (id) p.onDropDraft(id, info.date, info.allDay);
        }}
        dateClick={p.canWrite ? (info) => p.onSlotClick(info.date, info.allDay) : undefined}
      />
    </div>
  );
}
