/**
 * A weekday × hour grid (the viewer's zone): darker is more. Plain HTML, so it needs no client
 * code; the grid is one image for screen readers (its table sits in the card's <details>).
 */
import { WEEKDAYS, displayValue, type Format, type Row } from "@/lib/analytics/report";

const HOURS = Array.from({ length: 24 }, (_, h) => h);
// Monday first: how most people read a week of work.
const DAYS = [1, 2, 3, 4, 5, 6, 0];

export function Heatmap({
  rows,
  valueKey,
  format,
  summary,
  testId,
  locale,
  uncertainKey,
  detail,
  scale = "zero",
}: {
  rows: Row[];
  valueKey: string;
  format: Format;
  summary: string;
  testId?: string;
  locale: string;
  /** Rows with a truthy value here are hatched: an estimate with a wide interval. */
  uncertainKey?: string;
  /** A cell's tooltip text after its weekday and hour, instead of its value alone. */
  detail?: (r: Row) => string;
  /** "range": the palest cell is the lowest value rather than zero (estimates that never reach 0). */
  scale?: "zero" | "range";
}) {
  const value = new Map<string, number>();
  const notes = new Map<string, { uncertain: boolean; text: string | null }>();
  for (const r of rows) {
    const key = `${r.weekday}:${r.hour_number}`;
    value.set(key, Number(r[valueKey] ?? 0));
    notes.set(key, { uncertain: uncertainKey ? Boolean(r[uncertainKey]) : false, text: detail ? detail(r) : null });
  }
  const max = Math.max(0, ...value.values());
  const min = scale === "range" && value.size ? Math.min(...value.values()) : 0;
  return (
    <div className="overflow-x-auto" data-testid={testId} tabIndex={0} role="region" aria-label={summary}>
      <div
        role="img"
        aria-label="Grid of weekdays by hour (the table below has the figures)"
        className="grid min-w-[28rem] gap-px text-xs text-slate-600 dark:text-slate-300"
        style={{ gridTemplateColumns: "2.5rem repeat(24, minmax(0, 1fr))" }}
      >
        <span />
        {HOURS.map((h) => (
          <span key={h} className="text-center tabular-nums">
            {h % 3 === 0 ? h : ""}
          </span>
        ))}
        {DAYS.map((d) => (
          <Line key={d} day={d} value={value} notes={notes} min={min} max={max} format={format} locale={locale} />
        ))}
      </div>
    </div>
  );
}

// Diagonal stripes over the colour: the estimate there is uncertain.
const HATCH = "repeating-linear-gradient(135deg, rgba(255, 255, 255, 0.55) 0 2px, transparent 2px 5px)";

function Line({
  day,
  value,
  notes,
  min,
  max,
  format,
  locale,
}: {
  day: number;
  value: Map<string, number>;
  notes: Map<string, { uncertain: boolean; text: string | null }>;
  min: number;
  max: number;
  format: Format;
  locale: string;
}) {
  return (
    <>
      <span className="pr-1 leading-6">{WEEKDAYS[day]}</span>
      {HOURS.map((h) => {
        const v = value.get(`${day}:${h}`);
        const note = notes.get(`${day}:${h}`);
        const share = v !== undefined && max > min ? (v - min) / (max - min) : 0;
        const text = v === undefined ? "no posts" : (note?.text ?? displayValue(v, format, locale));
        return (
          <span
            key={h}
            title={`${WEEKDAYS[day]} ${String(h).padStart(2, "0")}:00 — ${text}`}
            data-filled={v !== undefined ? "true" : undefined}
            data-uncertain={note?.uncertain ? "true" : undefined}
            className={`h-6 rounded-sm ${v === undefined ? "bg-slate-100 dark:bg-slate-800" : ""}`}
            style={
              v === undefined
                ? undefined
                : { backgroundColor: `rgba(79, 110, 247, ${(0.2 + 0.8 * share).toFixed(2)})`, ...(note?.uncertain ? { backgroundImage: HATCH } : {}) }
            }
          />
        );
      })}
    </>
  );
}
