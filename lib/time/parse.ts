import { MINUTE_MS, checkLocal, fieldsToLocal, formatLocal, wallMs } from "./local";
import { isValidTimeZone, localToUtc, resolveLocal, utcToLocal } from "./zone";

export type ScheduleTimeResult =
  | {
      ok: true;
      instant: Date;
      /** Wall time in `timezone`, "YYYY-MM-DDTHH:mm[:ss]". */
      local: string;
      timezone: string;
      /**
       * The wall time occurs twice in the zone (a fall-back hour). For input without an offset the
       * earlier instant was taken; with an offset the instant is exact, but local + zone alone could
       * not recover it.
       */
      ambiguous: boolean;
    }
  | {
      ok: false;
      code: "invalid_time" | "invalid_timezone";
      message: string;
    }
  | {
      ok: false;
      code: "nonexistent_time";
      message: string;
      /** First wall time after the gap, to offer instead. */
      nextValid: string;
    };

// Fractions are accepted because Date#toISOString always writes them; see the flooring below.
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const FORMAT_HINT = "use YYYY-MM-DDTHH:mm[:ss], optionally followed by Z or an offset such as +02:00";

/**
 * Reads a schedule time typed by a person or sent by an API client. With Z or an offset the instant
 * is fixed and the wall time is derived in `tz`; without one the input is a wall time in `tz`.
 * Fractions of a second are dropped so instant and wall time always agree to the second.
 */
export function parseScheduleTime(input: string, tz: string): ScheduleTimeResult {
  if (!isValidTimeZone(tz)) {
    return { ok: false, code: "invalid_timezone", message: `"${tz}" is not a known IANA time zone (for example "Europe/Berlin" or "UTC")` };
  }
  const text = input.trim();
  const m = ISO_RE.exec(text);
  if (!m) return { ok: false, code: "invalid_time", message: `"${input}" is not a date-time: ${FORMAT_HINT}` };

  const local = fieldsToLocal(m.slice(1, 7));
  const problem = checkLocal(local);
  if (problem) return { ok: false, code: "invalid_time", message: `"${text}" is not a valid time: ${problem}` };

  const [, , , , , , , zulu, sign, offH, offM] = m;
  if (zulu === undefined && sign === undefined) {
    const r = localToUtc(local, tz);
    if (!r.ok) return { ok: false, code: "nonexistent_time", message: r.message, nextValid: formatLocal(r.nextValid) };
    return { ok: true, instant: r.instant, local: formatLocal(local), timezone: tz, ambiguous: r.ambiguous };
  }

  let offsetMinutes = 0;
  if (sign !== undefined) {
    const hours = Number(offH);
    const minutes = Number(offM ?? "0");
    if (hours > 23 || minutes > 59) {
      return { ok: false, code: "invalid_time", message: `"${text}" is not a valid time: the offset must be between -23:59 and +23:59` };
    }
    offsetMinutes = (sign === "-" ? -1 : 1) * (hours * 60 + minutes);
  }
  const instant = new Date(wallMs(local) - offsetMinutes * MINUTE_MS);
  const inZone = utcToLocal(instant, tz);
  const zoneProblem = checkLocal(inZone);
  if (zoneProblem) return { ok: false, code: "invalid_time", message: `"${text}" falls outside the supported years 0001–9999 in ${tz}` };
  return { ok: true, instant, local: formatLocal(inZone), timezone: tz, ambiguous: resolveLocal(inZone, tz).ambiguous };
}
