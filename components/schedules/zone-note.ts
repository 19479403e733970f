import type { Format, When } from "@/lib/format";
import { isValidTimeZone, wallToInstant } from "@/lib/time";

/**
 * A schedule's own wall time when its zone is not the person's: "9:00 AM Europe/Berlin" beside the
 * person's "2:30 PM", with the date too when the two fall on different days there. Null when the
 * zones agree at that instant (nothing to add) or the zone is unknown.
 */
export function zoneNote(f: Format, at: When, zone: string | null | undefined): string | null {
  if (!zone || zone === f.timeZone || !isValidTimeZone(zone)) return null;
  const there = f.withZone(zone);
  const [here, theirs] = [f.toInput(at), there.toInput(at)];
  if (here === theirs) return null;
  return `${here.slice(0, 10) === theirs.slice(0, 10) ? there.time(at) : there.dateTime(at)} ${zone}`;
}

/**
 * A schedule's time for people: in the person's zone, and its own zone's wall time beside it when
 * that differs ("Dec 8, 2026, 1:30 PM (9:00 AM Europe/Berlin)"). Unreadable input is shown as stored.
 * `instant`, the stored scheduled time, wins over the wall time when given.
 */
export function scheduleWhen(
  f: Format,
  local: string,
  zone: string,
  instant?: string | null,
): { at: Date | null; text: string; note: string | null; full: string } {
  // The stored instant when there is one: in a fall-back hour the wall time alone names two instants.
  const at = instant ? new Date(instant) : wallToInstant(local, zone);
  if (!at) return { at: null, text: `${local} ${zone}`, note: null, full: `${local} ${zone}` };
  const text = f.dateTime(at);
  const note = zoneNote(f, at, zone);
  return { at, text, note, full: note ? `${text} (${note})` : text };
}
