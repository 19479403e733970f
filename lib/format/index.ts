import { formatLocal, isValidTimeZone, parseLocal, resolveLocal, utcToLocal } from "../time";
import { wallToInstant } from "../time/days";

/**
 * The one place dates, times, ranges, durations, relative times and numbers become text. Every screen,
 * email and error message formats through a `Format` made from the person's locale and zone, on the
 * server and in the browser alike, so both render the same characters (no hydration mismatch) and no
 * screen falls back to the browser's own clock or to UTC the person did not choose.
 */
export type FormatSettings = { locale: string; timeZone: string };
export type When = Date | string | number;

export const FALLBACK_LOCALE = "en-US";

const formatters = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    // Bounded: locales and zones are few in practice, but a server lives long.
    if (formatters.size >= 2000) formatters.clear();
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

// ICU versions differ in their spaces (U+202F before "AM", U+00A0 in ranges); Node and the browser
// may ship different ones, so every output uses plain spaces and both sides agree.
const plain = (s: string) => s.replace(/[\u202f\u00a0\u2009]/g, " ");

function toDate(w: When): Date {
  const d = w instanceof Date ? w : new Date(w);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${String(w)}`);
  return d;
}

/**
 * A BCP 47 tag Intl can format with, as language[-Script][-REGION], or null. Extensions and variants
 * are dropped: "-u-ca-islamic" would switch the calendar under the person, and random private-use
 * subtags ("en-x-1a2b") sent by a client must not each make formatters of their own.
 */
export function canonicalLocale(tag: string | null | undefined): string | null {
  if (!tag || typeof tag !== "string" || tag.length > 35) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) return null;
    const l = new Intl.Locale(canonical);
    const base = [l.language, l.script, l.region].filter(Boolean).join("-");
    return Intl.DateTimeFormat.supportedLocalesOf([base]).length ? base : null;
  } catch {
    return null;
  }
}

/**
 * The best locale from an Accept-Language header ("de-DE,de;q=0.9,en;q=0.8"), by q-value then order;
 * the fallback when none is usable.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined, fallback = FALLBACK_LOCALE): string {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .slice(0, 1000)
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.tag && r.tag !== "*" && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    const c = canonicalLocale(r.tag);
    if (c) return c;
  }
  return fallback;
}

const DURATION_UNITS = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
] as const;

const RELATIVE_UNITS = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
] as const;

export type Format = ReturnType<typeof createFormat>;

export function createFormat(settings: FormatSettings) {
  const locale = canonicalLocale(settings.locale) ?? FALLBACK_LOCALE;
  const timeZone = isValidTimeZone(settings.timeZone) ? settings.timeZone : "UTC";
  const fmt = (options: Intl.DateTimeFormatOptions, w: When) => plain(dtf(locale, timeZone, options).format(toDate(w)));

  const f = {
    locale,
    timeZone,
    /** The same locale in another zone: a schedule shown in its own zone, next to the person's. */
    withZone: (zone: string) => createFormat({ locale, timeZone: zone }),

    /** "Dec 8, 2026, 9:00 AM" / "08.12.2026, 09:00". */
    dateTime: (w: When, o: { seconds?: boolean; zone?: boolean } = {}) =>
      fmt({ dateStyle: "medium", timeStyle: o.seconds ? "medium" : "short" }, w) + (o.zone ? ` ${f.zoneName(w)}` : ""),
    /** "Dec 8, 2026" / "08.12.2026"; long: "December 8, 2026" / "8. Dezember 2026"; full adds the weekday. */
    date: (w: When, style: "short" | "medium" | "long" | "full" = "medium") => fmt({ dateStyle: style }, w),
    /** "9:00 AM" / "09:00". */
    time: (w: When, o: { seconds?: boolean } = {}) => fmt({ timeStyle: o.seconds ? "medium" : "short" }, w),
    /** "Tue, Dec 8" / "Di., 8. Dez." */
    day: (w: When) => fmt({ weekday: "short", day: "numeric", month: "short" }, w),
    /** "December 2026" / "Dezember 2026". */
    month: (w: When) => fmt({ month: "long", year: "numeric" }, w),
    /** "Tuesday" / "Dienstag". */
    weekday: (w: When, style: "long" | "short" = "long") => fmt({ weekday: style }, w),
    /** The zone's short name at that instant in this locale: "CET", "GMT+1", "PST", "GMT+5:30". */
    zoneName: (w: When = Date.now()) =>
      plain(
        dtf(locale, timeZone, { timeZoneName: "short" })
          .formatToParts(toDate(w))
          .find((p) => p.type === "timeZoneName")?.value ?? timeZone,
      ),

    /** "Dec 8, 2026, 9:00 – 10:30 AM": shared parts said once. */
    range: (a: When, b: When, o: { dateOnly?: boolean } = {}) => {
      const [x, y] = [toDate(a), toDate(b)];
      const d = dtf(locale, timeZone, o.dateOnly ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" });
      return plain(x <= y ? d.formatRange(x, y) : d.formatRange(y, x));
    },

    /** "2 hr, 5 min" / "2 Std., 5 Min.": the two largest non-zero units, adjacent ones only. */
    duration: (ms: number) => {
      let rest = Math.abs(Math.round(ms));
      const parts: string[] = [];
      for (const [unit, size] of DURATION_UNITS) {
        const n = Math.floor(rest / size);
        rest -= n * size;
        if (n > 0 && parts.length < 2) parts.push(new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(n));
        else if (parts.length) break;
      }
      // Under a second: milliseconds ("0 ms" for nothing).
      if (!parts.length)
        parts.push(new Intl.NumberFormat(locale, { style: "unit", unit: "millisecond", unitDisplay: "short" }).format(Math.abs(Math.round(ms))));
      return plain(new Intl.ListFormat(locale, { style: "narrow", type: "unit" }).format(parts));
    },

    /**
     * "in 3 hours" / "vor 2 Tagen". `now` must be the same on server and client (pass the server's
     * render time down), or the two render different text.
     */
    relative: (w: When, now: When) => {
      const diff = toDate(w).getTime() - toDate(now).getTime();
      const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
      for (const [unit, size] of RELATIVE_UNITS) {
        if (Math.abs(diff) >= size || unit === "second") return plain(rtf.format(Math.round(diff / size), unit));
      }
      return "";
    },

    /** "1,234" / "1.234"; options as Intl.NumberFormat's (percent, compact, currency…). */
    number: (n: number, options?: Intl.NumberFormatOptions) => plain(new Intl.NumberFormat(locale, options).format(n)),

    /**
     * A wall time stored with its own zone ("2026-12-08T09:00", "Europe/Berlin"), shown in that zone
     * with the zone named: what a schedule says it is. Falls back to the raw text when unreadable.
     */
    wall: (local: string, zone: string) => {
      const instant = wallToInstant(local, zone);
      if (!instant) return local;
      return `${plain(dtf(locale, zone, { dateStyle: "medium", timeStyle: "short" }).format(instant))} ${zone}`;
    },

    /** "YYYY-MM-DDTHH:mm" in the person's zone, for a datetime-local input's value. */
    toInput: (w: When) => formatLocal(utcToLocal(toDate(w), timeZone)).slice(0, 16),
    /** "YYYY-MM-DD" in the person's zone, for a date input's value. */
    toDateInput: (w: When) => formatLocal(utcToLocal(toDate(w), timeZone)).slice(0, 10),
    /**
     * The instant a datetime-local (or date, at midnight) input means in the person's zone; null when
     * unreadable. A time the clocks skip moves forward by the gap, one shown twice takes the earlier.
     */
    fromInput: (value: string): Date | null => {
      const l = parseLocal(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00` : value);
      return l ? resolveLocal(l, timeZone).instant : null;
    },
  };
  return f;
}
