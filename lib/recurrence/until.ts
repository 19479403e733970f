import { checkDate, checkLocal, fieldsToLocal, parseScheduleTime, wallMs } from "../time";
import type { ParseResult, Until } from "./types";

const BASIC_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const BASIC_DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/i;

/**
 * Reads an end bound in RFC 5545 form (20260430, 20260430T090000, 20260430T070000Z) or ISO 8601
 * (2026-04-30, 2026-04-30T09:00, 2026-04-30T07:00:00Z, …+02:00). `label` names the field in messages.
 */
export function parseUntil(value: string, label: string): ParseResult<{ until: Until }> {
  const text = value.trim();
  const date = BASIC_DATE.exec(text) ?? ISO_DATE.exec(text);
  if (date) {
    const [year, month, day] = date.slice(1, 4).map(Number) as [number, number, number];
    const problem = checkDate(year, month, day);
    if (problem) return { ok: false, message: `${label} "${value}" is not a valid date: ${problem}` };
    return { ok: true, until: { kind: "date", date: { year, month, day } } };
  }
  const basic = BASIC_DATE_TIME.exec(text);
  const local = basic ?? ISO_LOCAL.exec(text);
  if (local) {
    const l = fieldsToLocal(local.slice(1, 7));
    const problem = checkLocal(l);
    if (problem) return { ok: false, message: `${label} "${value}" is not a valid time: ${problem}` };
    if (basic?.[7]) {
      // A UTC wall time read "as if UTC" is exactly the instant.
      return { ok: true, until: { kind: "instant", instant: new Date(wallMs(l)) } };
    }
    return { ok: true, until: { kind: "local", local: l } };
  }
  // Anything with Z or an offset is an instant; the zone only matters for the (unused) wall time.
  const withOffset = parseScheduleTime(text, "UTC");
  if (withOffset.ok) return { ok: true, until: { kind: "instant", instant: withOffset.instant } };
  // Right shape but impossible values (2026-02-30T10:00Z): pass on the precise reason.
  if (withOffset.code === "invalid_time" && withOffset.message.includes(" is not a valid time")) {
    return { ok: false, message: `${label}: ${withOffset.message}` };
  }
  return {
    ok: false,
    message: `${label} "${value}" is not a date or time: use 20260430, 20260430T070000Z, 2026-04-30, 2026-04-30T09:00 (wall time in the schedule's zone) or 2026-04-30T07:00:00Z`,
  };
}
