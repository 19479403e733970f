/**
 * The cells of an imported history row (POST /analytics/import), one reader each: every reader
 * answers the value or the message a person reads next to the cell. Pure: the accounts and the
 * clock come in as arguments.
 */
import { platformName } from "@/adapters/registry";
import { CONTENT_TYPES } from "@/db/schema/values";
import {
  DAY_MS,
  MINUTE_MS,
  checkLocal,
  fieldsToLocal,
  formatClock,
  isValidTimeZone,
  localToUtc,
  offsetFinder,
  resolveLocal,
  utcToLocal,
  wallMs,
  zoneNames,
  type LocalDateTime,
} from "../time";

export type ContentType = (typeof CONTENT_TYPES)[number];

/** An account of the workspace, as rows name it. */
export interface HistoryAccount {
  id: string;
  name: string;
  platform: string;
}

export type Read<T> = { ok: true; value: T; warning?: string } | { ok: false; message: string };
const ok = <T>(value: T, warning?: string): Read<T> => (warning ? { ok: true, value, warning } : { ok: true, value });
const fail = (message: string): Read<never> => ({ ok: false, message });

/** A cell quoted in a message, cut short: a message never carries a whole pasted paragraph. */
export function quote(cell: string): string {
  const t = cell.length > 60 ? `${cell.slice(0, 57)}…` : cell;
  return `"${t}"`;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Instagram, Mastodon" or "2 × Mastodon": which platforms the candidates of an ambiguous name are on. */
function platformsOf(candidates: HistoryAccount[]): string {
  const counts = new Map<string, number>();
  for (const a of candidates) counts.set(a.platform, (counts.get(a.platform) ?? 0) + 1);
  return [...counts].map(([p, n]) => (n > 1 ? `${n} × ${platformName(p)}` : platformName(p))).join(", ");
}

/**
 * `account`: the account's id, its name (any letter case), or `platform:name`. A name several
 * accounts share is refused naming their platforms; `platform:name` tells them apart, the id
 * always does. Only the workspace's own accounts are known: another workspace's id is unknown.
 */
export function readAccount(cell: string, accounts: readonly HistoryAccount[]): Read<HistoryAccount> {
  const ref = cell.trim();
  if (!ref) return fail("is empty: write the account's name or id");
  if (UUID.test(ref)) {
    const byId = accounts.find((a) => a.id.toLowerCase() === ref.toLowerCase());
    if (byId) return ok(byId);
  }
  const named = accounts.filter((a) => same(a.name, ref));
  if (named.length === 1) return ok(named[0]!);
  if (named.length > 1) {
    const onePlatform = new Set(named.map((a) => a.platform)).size === 1;
    return fail(
      `${quote(ref)} names ${named.length} accounts (${platformsOf(named)}): ${onePlatform ? "write the account's id" : `write platform:name (e.g. ${named[0]!.platform}:${named[0]!.name}) or the account's id`}`,
    );
  }
  const m = /^([a-z_]+):(.+)$/i.exec(ref);
  if (m) {
    const platform = m[1]!.toLowerCase();
    const onPlatform = accounts.filter((a) => a.platform === platform && same(a.name, m[2]!));
    if (onPlatform.length === 1) return ok(onPlatform[0]!);
    if (onPlatform.length > 1) return fail(`${onPlatform.length} ${platformName(platform)} accounts are named ${quote(m[2]!.trim())}: write the account's id`);
  }
  const known = accounts.length && accounts.length <= 10 ? ` (accounts here: ${accounts.map((a) => a.name).join(", ")})` : "";
  return fail(`unknown account ${quote(ref)}: no account of this workspace has that name or id${known}`);
}

let zonesByLowerCase: Map<string, string> | null = null;

/** `timezone`: an IANA zone, any letter case ("europe/berlin" is stored as Europe/Berlin). */
export function readZone(cell: string): Read<string> {
  const zone = cell.trim();
  if (!zone) return fail("is required: the IANA zone posted_at is read in, e.g. Europe/Berlin");
  // Offsets ("+02:00", "GMT+2") are not zones: a post's local hour follows the zone's daylight saving.
  if (!/^[A-Za-z]/.test(zone) || !isValidTimeZone(zone)) return fail(`${quote(zone)} is not an IANA time zone (for example Europe/Berlin or America/New_York)`);
  zonesByLowerCase ??= new Map(zoneNames().map((z) => [z.toLowerCase(), z]));
  return ok(zonesByLowerCase.get(zone.toLowerCase()) ?? zone);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/i;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const FORMAT = "write YYYY-MM-DD HH:mm (or YYYY-MM-DDTHH:mm, seconds optional)";

/** `posted_at` before its zone is known: the wall time, or why it is not one. */
export function readLocal(cell: string): Read<LocalDateTime> {
  const text = cell.trim();
  if (!text) return fail(`is required: ${FORMAT}`);
  if (WITH_OFFSET.test(text)) return fail(`${quote(text)} has an offset or Z; posted_at is the local time in the row's timezone: leave it out`);
  const m = LOCAL.exec(text);
  if (!m) return fail(`${quote(text)} is not a date-time: ${FORMAT}`);
  const local = fieldsToLocal(m.slice(1, 7));
  const problem = checkLocal(local);
  return problem ? fail(`${quote(text)} is not a valid time: ${problem}`) : ok(local);
}

const clockOf = (instant: Date, zone: string) => formatClock(utcToLocal(instant, zone)).slice(0, 5);

/** Zones' offsets for one file, each UTC day looked up once (a file holds thousands of rows in a few zones). */
export type ZoneOffsets = (zone: string) => (ms: number) => number;
export function zoneOffsets(): ZoneOffsets {
  const finders = new Map<string, (ms: number) => number>();
  return (zone) => {
    let f = finders.get(zone);
    if (!f) finders.set(zone, (f = offsetFinder(zone)));
    return f;
  };
}

/**
 * The instant a wall time in `zone` went out at. Daylight saving, on purpose:
 * - a time the clocks skip (spring forward, 02:30 in Berlin on the last Sunday of March) cannot
 *   have been on the clock: it is read with the offset from before the jump, which moves it on by
 *   the gap (02:30 → 03:30, as RFC 5545 and this app's own recurring times do), with a warning;
 * - a time the clocks show twice (fall back) is read as the first of the two, with a warning.
 *   Either instant shows the same weekday and minute, so what the model learns is the same.
 * A time after `now` is refused: history holds posts that went out.
 */
export function readInstant(local: LocalDateTime, zone: string, now: Date, offsets: ZoneOffsets = zoneOffsets()): Read<Date> {
  const w = wallMs(local);
  const offsetOf = offsets(zone);
  const before = offsetOf(w - DAY_MS);
  let instant: Date;
  let warning: string | undefined;
  // The same offset a day either side: no change near this time (zones change at most once in two days), one instant.
  if (before === offsetOf(w + DAY_MS)) instant = new Date(w - before * MINUTE_MS);
  else {
    const strict = localToUtc(local, zone);
    instant = strict.ok ? strict.instant : resolveLocal(local, zone).instant;
    if (!strict.ok) warning = `${strict.message}; read as ${clockOf(instant, zone)}`;
    else if (strict.ambiguous)
      warning = `${localText(local)} happens twice in ${zone} (the clocks go back); read as the first, at ${offsetOf(instant.getTime()) < 0 ? "UTC−" : "UTC+"}${hhmm(offsetOf(instant.getTime()))}`;
  }
  if (instant.getTime() > now.getTime()) return fail(`${localText(local)} in ${zone} is in the future: history holds posts that already went out`);
  return ok(instant, warning);
}

const hhmm = (minutes: number) => {
  const a = Math.abs(minutes);
  return `${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
};

const localText = (l: LocalDateTime) => {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}${l.second ? `:${pad(l.second)}` : ""}`;
};

/** `content_type`: one of CONTENT_TYPES, any letter case; empty is "post". */
export function readContentType(cell: string): Read<ContentType> {
  const v = cell.trim().toLowerCase();
  if (!v) return ok("post");
  return (CONTENT_TYPES as readonly string[]).includes(v)
    ? ok(v as ContentType)
    : fail(`${quote(cell.trim())} is not a content type: ${CONTENT_TYPES.join(", ")} (empty means post)`);
}

/** The largest count the integer columns hold. */
export const MAX_COUNT = 2_147_483_647;

/** A count: empty is null (not reported), else a whole number 0 … 2^31−1 ("12.0" is 12). */
export function readCount(cell: string): Read<number | null> {
  const v = cell.trim();
  if (!v) return ok(null);
  const m = /^(\d+)(?:\.0+)?$/.exec(v);
  if (m) {
    const n = Number(m[1]);
    return n <= MAX_COUNT ? ok(n) : fail(`${quote(v)} is larger than ${MAX_COUNT.toLocaleString("en-US")}`);
  }
  if (/^-\s*\d*\.?\d+$/.test(v)) return fail(`${quote(v)} is negative: counts are 0 or more`);
  if (/^\+?\d*\.\d+$/.test(v)) return fail(`${quote(v)} is not a whole number`);
  return fail(`${quote(v)} is not a number: write a whole number without separators, or leave it empty`);
}
