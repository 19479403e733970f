import type { CalendarEventData, ConflictData } from "./board";

/**
 * The calendar's events as the page hands them to the browser: what repeats (an account's
 * platform, name and state; a status's colour; a post's 30-minute end) is said once and derived
 * again on arrival, so a month of 2,000 posts weighs about a third of the full objects.
 * `unpackEvents(packEvents(events, conflicts))` gives back the same events and conflicts, field for field.
 */
export type PackedEvents = {
  accounts: { id: string; platform: string; name: string; status: string | null }[];
  colors: Record<string, string>;
  /** [id, title, start, account index, status, content item, tags, version, flags, end if not start + 30 min, colour if not its status's]. */
  rows: PackedRow[];
  /** Conflicts, a schedule named by its row's index (by its id when it is not among the rows). */
  conflicts: [ConflictData["type"], ConflictData["severity"], (number | string)[], string][];
};
type PackedRow = [string, string, string, number, string, string, string[], number, number, string?, string?];

const EDITABLE = 1;
const AWAITING = 2;
const AWAITING_SET = 4;
const BROKEN = 8;
const BROKEN_SET = 16;
const EVENT_MS = 30 * 60_000;

/** `start` plus 30 minutes, written with the same offset: the end a post's chip gets unless the offset changes in between. */
function plus30(start: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}T)(\d{2}):(\d{2})(:\d{2}.*)$/.exec(start);
  if (!m) return null;
  const [, day, hh, mm, rest] = m as unknown as [string, string, string, string, string];
  const minutes = Number(hh) * 60 + Number(mm) + EVENT_MS / 60_000;
  // Within the day (nearly always): no date arithmetic needed.
  if (minutes < 24 * 60) return `${day}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}${rest}`;
  const t = Date.parse(`${day}${hh}:${mm}${rest.slice(0, 3)}Z`);
  if (Number.isNaN(t)) return null;
  return `${new Date(t + EVENT_MS).toISOString().slice(0, 16)}${rest}`;
}

export function packEvents(events: CalendarEventData[], conflicts: ConflictData[] = []): PackedEvents {
  const rowOf = new Map(events.map((e, i) => [e.id, i]));
  const accounts: PackedEvents["accounts"] = [];
  const index = new Map<string, number>();
  const colors: Record<string, string> = {};
  const rows = events.map((e): PackedRow => {
    const key = `${e.platform_account_id}\0${e.platform_id}\0${e.account_name}\0${e.account_status ?? "\u0001"}`;
    let a = index.get(key);
    if (a === undefined) {
      a = accounts.push({ id: e.platform_account_id, platform: e.platform_id, name: e.account_name, status: e.account_status ?? null }) - 1;
      index.set(key, a);
    }
    colors[e.publish_status] ??= e.color;
    const flags =
      (e.editable ? EDITABLE : 0) |
      (e.awaiting_approval ? AWAITING : 0) |
      (e.awaiting_approval !== undefined ? AWAITING_SET : 0) |
      (e.account_broken ? BROKEN : 0) |
      (e.account_broken !== undefined ? BROKEN_SET : 0);
    const row: PackedRow = [e.id, e.title, e.start, a, e.publish_status, e.content_item_id, e.tags, e.version, flags];
    const color = colors[e.publish_status] === e.color ? undefined : e.color;
    if (e.end !== plus30(e.start) || color !== undefined) row.push(e.end);
    if (color !== undefined) row.push(color);
    return row;
  });
  return {
    accounts,
    colors,
    rows,
    conflicts: conflicts.map((c) => [c.type, c.severity, c.schedule_ids.map((id) => rowOf.get(id) ?? id), c.message]),
  };
}

export function unpackEvents(packed: PackedEvents): { events: CalendarEventData[]; conflicts: ConflictData[] } {
  const { accounts, colors } = packed;
  const events = packed.rows.map(([id, title, start, a, status, contentItemId, tags, version, flags, end, color]) => {
    const account = accounts[a]!;
    const e: CalendarEventData = {
      id,
      title,
      start,
      end: end ?? plus30(start) ?? start,
      platform_id: account.platform,
      platform_account_id: account.id,
      publish_status: status,
      content_item_id: contentItemId,
      color: color ?? colors[status] ?? "",
      account_name: account.name,
      tags,
      version,
      editable: (flags & EDITABLE) !== 0,
    };
    if (flags & AWAITING_SET) e.awaiting_approval = (flags & AWAITING) !== 0;
    if (account.status !== null) e.account_status = account.status;
    if (flags & BROKEN_SET) e.account_broken = (flags & BROKEN) !== 0;
    return e;
  });
  const conflicts = packed.conflicts.map(
    ([type, severity, ids, message]): ConflictData => ({
      type,
      severity,
      schedule_ids: ids.map((id) => (typeof id === "number" ? events[id]!.id : id)),
      message,
    }),
  );
  return { events, conflicts };
}
