"use client";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { createSchedulesAction, rescheduleAction } from "@/app/_actions/schedules";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { useToast } from "@/components/ui/Toast";
import { useFormat } from "@/components/ui/FormatProvider";
import { useStableCallback } from "@/components/ui/useStableCallback";
import {
  applyFilters,
  conflictsById,
  covers,
  dropWallTime,
  instantOf,
  NO_FILTERS,
  shiftDay,
  weekOf,
  type CalendarEventData,
  type CalendarFilters as Filters,
} from "@/lib/calendar/board";
import type { CalendarBlackout } from "@/lib/calendar/blackouts";
import { unpackEvents, type PackedEvents } from "@/lib/calendar/wire";
import { rememberDropTargetsAction } from "@/app/_actions/calendar";
import { CalendarFilters } from "./CalendarFilters";
import { DraftList, type Draft } from "./DraftList";
import { TimelineView } from "./TimelineView";
// Loaded with the page (no second round trip for the chunk), rendered only in the browser (below).
import FullCalendarView from "./FullCalendarView";
import { useDarkMode, useNarrow } from "./useDarkMode";
import { SchedulePopover } from "@/components/schedules/SchedulePopover";

type Account = { id: string; name: string; platform: string; status: string };
type Moved = { start: string; end: string; version: number };
const VIEWS = ["dayGridMonth", "timeGridWeek", "timeGridDay", "listWeek"];

const plus30 = (wall: string) => new Date(Date.parse(`${wall.slice(0, 16)}:00Z`) + 30 * 60_000).toISOString().slice(0, 19);

export function CalendarBoard(p: {
  zone: string;
  anchor: string;
  view: string | null;
  range: { start_date: string; end_date: string };
  /** The range's events and their conflicts (lib/calendar/wire.ts). */
  packed: PackedEvents;
  blackouts: CalendarBlackout[];
  accounts: Account[];
  /** The accounts this person last dropped drafts onto. */
  dropTargets: string[];
  /** Failed posts, listed under "Needs attention" on the job monitor. */
  failedCount: number;
  tags: string[];
  drafts: Draft[];
  canWrite: boolean;
  weekStart: number;
}) {
  const router = useRouter();
  const notify = useToast();
  const workspaceId = useWorkspaceId();
  const dark = useDarkMode();
  const narrow = useNarrow();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [mode, setMode] = useState<"calendar" | "timeline">(p.view === "timeline" ? "timeline" : "calendar");
  const [moved, setMoved] = useState<Map<string, Moved>>(new Map());
  const [saving, setSaving] = useState<Set<string>>(new Set());
  const [targets, setTargets] = useState<string[]>(p.dropTargets);
  const [lastSaveMs, setLastSaveMs] = useState<number | null>(null);
  const [opened, setOpened] = useState<{ id: string; title: string } | null>(null);
  const [at, setAt] = useState({ view: p.view && VIEWS.includes(p.view) ? p.view : "dayGridMonth", date: p.anchor });

  const { events: serverEvents, conflicts: serverConflicts } = useMemo(() => unpackEvents(p.packed), [p.packed]);
  // Props are the server's truth; a move stays on top of them until the server shows its version.
  const events = useMemo(() => {
    if (!moved.size) return applyFilters(serverEvents, filters);
    const merged = serverEvents.map((e) => {
      const m = moved.get(e.id);
      return m && m.version > e.version ? { ...e, start: m.start, end: m.end, version: m.version } : e;
    });
    return applyFilters(merged, filters);
  }, [serverEvents, moved, filters]);
  const conflicts = useMemo(() => conflictsById(serverConflicts), [serverConflicts]);
  // The person's locale, in the zone the calendar shows (theirs, or the one picked above it).
  const person = useFormat();
  const fmt = useMemo(() => person.withZone(p.zone), [person, p.zone]);
  // A wall time of the calendar's zone, in the person's words: "04.01.2027, 09:00", "Jan 4, 2027, 9:00 AM".
  const human = useCallback((wall: string) => fmt.dateTime(instantOf(wall, p.zone)), [fmt, p.zone]);

  // Saved one after another, so the last choice is the one kept.
  const savingTargets = useRef<Promise<void>>(Promise.resolve());
  const [targetSaves, setTargetSaves] = useState(0);
  function chooseTargets(ids: string[]) {
    setTargets(ids);
    setTargetSaves((n) => n + 1);
    savingTargets.current = savingTargets.current.then(async () => {
      // One failed save (a restart, the network) must not stop the later ones or the count.
      try {
        const res = await rememberDropTargetsAction({ account_ids: ids }, workspaceId);
        if (!res.ok) notify(`Could not remember the accounts: ${res.error.message}`, "error");
      } catch {
        notify("Could not remember the accounts: the server did not answer.", "error");
      } finally {
        setTargetSaves((n) => n - 1);
      }
    });
  }

  const go = useStableCallback((next: { date?: string; view?: string; zone?: string }, reload: boolean) => {
    const q = new URLSearchParams({ date: next.date ?? at.date, view: next.view ?? at.view });
    const zone = next.zone ?? p.zone;
    if (zone !== p.zone || new URLSearchParams(window.location.search).has("zone")) q.set("zone", zone);
    const url = `/calendar?${q}`;
    if (reload) router.replace(url, { scroll: false });
    else if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
  });

  // The handlers the calendar gets keep their identity: a render of the board (a filter, a
  // toast, the date it reports on opening) does not make FullCalendar draw its events again.
  const onDatesSet = useStableCallback((view: string, start: string, end: string) => {
    setAt((a) => (a.view === view && a.date === start ? a : { view, date: start }));
    const days = Math.max(1, Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000));
    go({ date: start, view }, !covers(p.range, start, days));
  });

  const onMove = useStableCallback(async (e: CalendarEventData, wall: string): Promise<boolean> => {
    setSaving((s) => new Set(s).add(e.id));
    const t0 = performance.now();
    const res = await rescheduleAction({ id: e.id, patch: { scheduled_time: wall, timezone: p.zone, version: e.version } }, workspaceId);
    setLastSaveMs(Math.round(performance.now() - t0));
    setSaving((s) => {
      const n = new Set(s);
      n.delete(e.id);
      return n;
    });
    if (!res.ok) {
      notify(`Could not move “${e.title}”: ${res.error.message}`, "error");
      return false;
    }
    setMoved((m) => new Map(m).set(e.id, { start: wall, end: plus30(wall), version: res.data.version }));
    notify(
      `Moved “${e.title}” to ${human(wall)}${res.data.warnings.length ? `. ${res.data.warnings.join(" ")}` : ""}`,
      res.data.warnings.length ? "info" : "success",
    );
    return true;
  });

  const onDropDraft = useStableCallback(async (draftId: string, date: Date, allDay: boolean) => {
    const draft = p.drafts.find((d) => d.id === draftId);
    if (!targets.length) {
      notify("Tick at least one account under “Drop onto these accounts” first.", "error");
      return;
    }
    const wall = dropWallTime(date, allDay, p.zone);
    const res = await createSchedulesAction({ content_item_id: draftId, platform_account_ids: targets, scheduled_time: wall, timezone: p.zone }, workspaceId);
    if (!res.ok) notify(`Could not schedule “${draft?.title ?? "the draft"}”: ${res.error.message}`, "error");
    else notify(`Scheduled “${draft?.title ?? "the draft"}” for ${human(wall)} on ${res.data.ids.length} account${res.data.ids.length === 1 ? "" : "s"}.`);
  });

  const onSlotClick = useStableCallback((date: Date, allDay: boolean) => {
    const wall = dropWallTime(date, allDay, p.zone);
    router.push(`/content/new?at=${encodeURIComponent(instantOf(wall, p.zone))}&zone=${encodeURIComponent(p.zone)}`);
  });
  const onOpen = useStableCallback((e: CalendarEventData) => setOpened({ id: e.id, title: e.title }));

  // A phone opens on the list of the week unless a view was asked for.
  const initialView = narrow && !p.view ? "listWeek" : at.view;
  return (
    <div data-testid="calendar-board" data-pending-saves={saving.size + targetSaves} data-last-save-ms={lastSaveMs ?? ""}>
      <CalendarFilters zone={p.zone} onZone={(zone) => go({ zone }, true)} filters={filters} onFilters={setFilters} accounts={p.accounts} tags={p.tags} />
      <div className="mb-3 flex flex-wrap items-center gap-2" role="group" aria-label="Layout">
        {(["calendar", "timeline"] as const).map((m) => (
          <button key={m} type="button" aria-pressed={mode === m} className={mode === m ? "btn-primary py-1" : "btn-secondary py-1"} onClick={() => setMode(m)}>
            {m === "calendar" ? "Calendar" : "By account"}
          </button>
        ))}
        {serverConflicts.length > 0 && (
          <details className="text-sm" data-testid="conflict-list">
            <summary className="cursor-pointer text-amber-800 dark:text-amber-300">
              ⚠ {serverConflicts.length} conflict{serverConflicts.length === 1 ? "" : "s"} in view
            </summary>
            <ul className="mt-1 list-disc pl-5 text-slate-700 dark:text-slate-300">
              {serverConflicts.slice(0, 20).map((c, i) => (
                <li key={i}>{c.message}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div className={p.canWrite ? "grid gap-4 lg:grid-cols-[1fr_15rem]" : ""}>
        <div className="min-w-0">
          {mode === "timeline" ? (
            <TimelineView
              fmt={fmt}
              days={weekOf(at.date, p.weekStart)}
              accounts={p.accounts}
              events={events}
              conflicts={conflicts}
              onShift={(d) => {
                const date = shiftDay(at.date, d);
                setAt((a) => ({ ...a, date }));
                go({ date }, !covers(p.range, weekOf(date, p.weekStart)[0] ?? date, 7));
                setMode("timeline");
              }}
            />
          ) : narrow === null ? (
            <div className="card py-16 text-center text-sm text-slate-600 dark:text-slate-400" aria-busy="true">
              Loading the calendar…
            </div>
          ) : (
            <FullCalendarView
              key={narrow ? "narrow" : "wide"}
              events={events}
              blackouts={p.blackouts}
              conflicts={conflicts}
              saving={saving}
              zone={p.zone}
              fmt={fmt}
              dark={dark}
              narrow={narrow}
              canWrite={p.canWrite}
              initialView={initialView}
              initialDate={at.date}
              weekStart={p.weekStart}
              onDatesSet={onDatesSet}
              onMove={onMove}
              onDropDraft={onDropDraft}
              onSlotClick={onSlotClick}
              onOpen={onOpen}
            />
          )}
        </div>
        {p.canWrite && <DraftList drafts={p.drafts} accounts={p.accounts} selected={targets} onSelect={chooseTargets} failedCount={p.failedCount} />}
      </div>
      {opened && <SchedulePopover key={opened.id} id={opened.id} title={opened.title} canWrite={p.canWrite} onClose={() => setOpened(null)} />}
    </div>
  );
}
