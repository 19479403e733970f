import type { Format, When } from "@/lib/format";
import { isValidTimeZone, parseLocal, resolveLocal } from "@/lib/scheduling/time";

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

/** The instant a stored wall time ("2026-12-08T09:00", with its zone) stands for; null when unreadable. */
export function wallInstant(local: string, zone: string): Date | null {
  const l = parseLocal(local.length > 16 ? local.slice(0, 19) : local);
  if (!l || !isValidTimeZone(zone)) return null;
  return resolveLocal(l, zone).instant;
}

/**
 * A schedule's time for people: in the person's zone, and its own zone's wall time beside it when
 * that differs ("Dec 8, 2026, 1:30 PM (9:00 AM Europe/Berlin)"). Unreadable input is shown as stored.
 */
export function scheduleWhen(f: Format, local: string, zone: string): { at: Date | null; text: string; note: string | null; full: string } {
  const at = wallInstant(local, zone);
  if (!at) return { at: null, text: `${local} ${zone}`, note: null, full: `${local} ${zone}` };
  const text = f.dateTime(at);
  const note = zoneNote(f, at, zone);
  return { at, text, note, full: note ? `${text} (${note})` : text };
}
