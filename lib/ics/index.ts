/**
 * Minimal RFC 5545 writer for the read-only calendar feed. Written by hand because we only ever
 * emit UTC VEVENTs, and owning the escaping/folding keeps the feed byte-exact and streamable.
 */

export interface IcsEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  url?: string;
  status?: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  categories?: string[];
  lastModified?: Date;
  sequence?: number;
}

export interface CalendarOptions {
  name: string;
  events: Iterable<IcsEvent>;
  prodId?: string;
  /** How often subscribers should re-poll; Google/Apple otherwise pick their own (often a day). */
  refreshMinutes?: number;
  /** DTSTAMP for every event; fixed in tests, otherwise the generation time. */
  now?: Date;
}

const CRLF = "\r\n";
const MAX_OCTETS = 75;
const DEFAULT_PRODID = "-//Content Scheduler//Calendar Feed//EN";

const TEXT_ESCAPES = new Map([
  ["\\", "\\\\"],
  [";", "\\;"],
  [",", "\\,"],
  ["\r\n", "\\n"],
  ["\r", "\\n"],
  ["\n", "\\n"],
]);

/** RFC 5545 §3.3.11 TEXT. Other control characters are not allowed in TEXT at all, so they are dropped. */
export function escapeText(value: string): string {
  return value.replace(/\r\n|[\\;,\r\n]|[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => TEXT_ESCAPES.get(c) ?? "");
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  // Lone surrogates are encoded as U+FFFD (3 octets) by every UTF-8 encoder, so 3 is right for them too.
  return codePoint < 0x10000 ? 3 : 4;
}

/** Folds at 75 octets (not characters: CJK/emoji are 3–4 octets) and only between code points. */
export function foldLine(line: string): string {
  let out = "";
  let width = 0;
  for (const ch of line) {
    const octets = utf8Length(ch.codePointAt(0) ?? 0);
    if (width + octets > MAX_OCTETS) {
      out += CRLF + " ";
      width = 1; // the leading space counts towards the continuation line's 75 octets
    }
    out += ch;
    width += octets;
  }
  return out + CRLF;
}

/** UTC DATE-TIME form 2 (YYYYMMDDTHHMMSSZ); rejects dates ICS cannot express rather than emit garbage. */
export function formatUtc(date: Date): string {
  const iso = Number.isNaN(date.getTime()) ? "" : date.toISOString();
  const basic = iso.replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
  if (!/^\d{8}T\d{6}Z$/.test(basic)) throw new RangeError(`Date cannot be written to iCalendar: ${iso || "Invalid Date"}`);
  return basic;
}

// URI values are not TEXT-escaped, so whitespace/control characters must be percent-encoded or they
// would break the line structure (a stray CRLF could inject properties).
const safeUri = (url: string) => url.replace(/[\u0000-\u0020\u007f]/g, (c) => encodeURIComponent(c));

function eventLines(event: IcsEvent, dtstamp: string): string {
  if (!event.uid) throw new RangeError("IcsEvent.uid must not be empty");
  const start = event.start.getTime();
  const end = event.end.getTime();
  if (end < start) throw new RangeError(`Event ${event.uid} ends before it starts`);
  const lines = ["BEGIN:VEVENT", `UID:${escapeText(event.uid)}`, `DTSTAMP:${dtstamp}`, `DTSTART:${formatUtc(event.start)}`];
  // RFC 5545 requires DTEND > DTSTART; an instant (a post going out) is expressed by omitting DTEND.
  if (end > start) lines.push(`DTEND:${formatUtc(event.end)}`);
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description !== undefined) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url !== undefined) lines.push(`URL;VALUE=URI:${safeUri(event.url)}`);
  if (event.status !== undefined) lines.push(`STATUS:${event.status}`);
  if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(",")}`);
  if (event.lastModified !== undefined) lines.push(`LAST-MODIFIED:${formatUtc(event.lastModified)}`);
  if (event.sequence !== undefined) {
    if (!Number.isInteger(event.sequence) || event.sequence < 0) throw new RangeError(`Invalid SEQUENCE for ${event.uid}`);
    lines.push(`SEQUENCE:${event.sequence}`);
  }
  lines.push("END:VEVENT");
  return lines.map(foldLine).join("");
}

/**
 * Yields the header, then one chunk per event, then the footer, so a route can pipe a large feed
 * into a ReadableStream without holding it in memory. Each chunk is whole, CRLF-terminated lines.
 */
export function* calendarChunks(opts: CalendarOptions): Generator<string> {
  const refresh = opts.refreshMinutes ?? 60;
  if (!Number.isInteger(refresh) || refresh <= 0) throw new RangeError("refreshMinutes must be a positive integer");
  const dtstamp = formatUtc(opts.now ?? new Date());
  yield [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(opts.prodId ?? DEFAULT_PRODID)}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${escapeText(opts.name)}`, // RFC 7986
    `X-WR-CALNAME:${escapeText(opts.name)}`, // what Google/Apple actually display
    `REFRESH-INTERVAL;VALUE=DURATION:PT${refresh}M`, // RFC 7986, honoured by Apple
    `X-PUBLISHED-TTL:PT${refresh}M`, // the older spelling Google and Outlook read
  ]
    .map(foldLine)
    .join("");
  for (const event of opts.events) yield eventLines(event, dtstamp);
  yield foldLine("END:VCALENDAR");
}

export function buildCalendar(opts: CalendarOptions): string {
  let out = "";
  for (const chunk of calendarChunks(opts)) out += chunk;
  return out;
}
