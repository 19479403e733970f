import { daysInMonth } from "../time";
import type { CronFields, ParseResult } from "./types";

type FieldSpec = { name: string; min: number; max: number; names?: readonly string[]; namesHint?: string };

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] as const;
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

const FIELDS: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  // names[i] stands for min + i
  { name: "month", min: 1, max: 12, names: MONTH_NAMES, namesHint: "JAN-DEC" },
  // 7 is accepted as a second Sunday, as in every common cron
  { name: "day-of-week", min: 0, max: 7, names: DAY_NAMES, namesHint: "SUN-SAT" },
];

const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

function parseValue(field: FieldSpec, raw: string): number | string {
  if (/^\d+$/.test(raw)) {
    const n = Number(raw);
    if (n < field.min || n > field.max) return `${field.name}: ${raw} is out of range ${field.min}-${field.max}`;
    return n;
  }
  const i = field.names?.indexOf(raw.toUpperCase()) ?? -1;
  if (i >= 0) return field.min + i;
  const expected = field.names ? `a number ${field.min}-${field.max} or a name ${field.namesHint}` : `a number ${field.min}-${field.max}`;
  return `${field.name}: "${raw}" is not ${expected}`;
}

/** One field to the sorted values it allows. */
function parseField(field: FieldSpec, text: string): number[] | string {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    if (item === "") return `${field.name}: empty item in "${text}"`;
    const m = /^([^/]+)(?:\/(.*))?$/.exec(item);
    const base = m?.[1];
    if (base === undefined) return `${field.name}: "${item}" is not a value, range or step`;
    let step = 1;
    if (m?.[2] !== undefined) {
      if (!/^\d+$/.test(m[2]) || Number(m[2]) < 1) return `${field.name}: step "${m[2]}" in "${item}" must be a whole number of 1 or more`;
      step = Number(m[2]);
    }
    let lo: number;
    let hi: number;
    if (base === "*") {
      lo = field.min;
      hi = field.max;
    } else {
      const dash = base.indexOf("-");
      const first = parseValue(field, dash < 0 ? base : base.slice(0, dash));
      if (typeof first === "string") return first;
      lo = first;
      if (dash >= 0) {
        const last = parseValue(field, base.slice(dash + 1));
        if (typeof last === "string") return last;
        if (last < first)
          return `${field.name}: range ${base} runs backwards; split it, e.g. ${base.slice(0, dash)}-${field.max},${field.min}-${base.slice(dash + 1)}`;
        hi = last;
      } else {
        // "5/15" means from 5 to the end, every 15 (cronie, Vixie)
        hi = m?.[2] !== undefined ? field.max : first;
      }
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

/** Standard 5-field cron (minute hour day-of-month month day-of-week), plus the @daily-style macros. */
export function parseCron(input: string): ParseResult<{ cron: CronFields }> {
  const trimmed = input.trim();
  const text = MACROS[trimmed.toLowerCase()] ?? trimmed;
  if (text.startsWith("@")) return { ok: false, message: `unknown macro "${trimmed}" (use @yearly, @monthly, @weekly, @daily or @hourly)` };
  const texts = text.split(/\s+/).filter((t) => t !== "");
  if (texts.length !== 5) {
    const hint = texts.length === 6 ? "; a seconds or year field is not supported" : "";
    return { ok: false, message: `expected 5 fields (minute hour day-of-month month day-of-week), got ${texts.length} in "${trimmed}"${hint}` };
  }
  const parsed: number[][] = [];
  for (const [i, field] of FIELDS.entries()) {
    const r = parseField(field, texts[i] ?? "");
    if (typeof r === "string") return { ok: false, message: r };
    parsed.push(r);
  }
  const [minutes = [], hours = [], daysOfMonth = [], months = [], rawDaysOfWeek = []] = parsed;
  const daysOfWeek = [...new Set(rawDaysOfWeek.map((d) => d % 7))].sort((a, b) => a - b);
  const dayOfMonthRestricted = !(texts[2] ?? "").startsWith("*");
  const dayOfWeekRestricted = !(texts[4] ?? "").startsWith("*");

  // When day-of-week does not widen the match, days that no chosen month has would never fire.
  if (dayOfMonthRestricted && !dayOfWeekRestricted) {
    const possible = months.some((m) => daysOfMonth.some((d) => d <= daysInMonth(2000, m)));
    if (!possible) return { ok: false, message: `day-of-month ${texts[2]} never falls in month ${texts[3]}, so it never fires` };
  }
  return { ok: true, cron: { minutes, hours, daysOfMonth, months, daysOfWeek, dayOfMonthRestricted, dayOfWeekRestricted } };
}
