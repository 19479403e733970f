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
}: {
  rows: Row[];
  valueKey: string;
  format: Format;
  summary: string;
  testId?: string;
  locale: string;
}) {
  const value = new Map<string, number>();
  for (const r of rows) value.set(`${r.weekday}:${r.hour_number}`, Number(r[valueKey] ?? 0));
  const max = Math.max(0, ...value.values());
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
          <Line key={d} day={d} value={value} max={max} format={format} locale={locale} />
        ))}
      </div>
    </div>
  );
}

function Line({ day, value, max, format, locale }: { day: number; value: Map<string, number>; max: number; format: Format; locale: string }) {
  return (
    <>
      <span className="pr-1 leading-6">{WEEKDAYS[day]}</span>
      {HOURS.map((h) => {
        const v = value.get(`${day}:${h}`);
        const share = v !== undefined && max > 0 ? v / max : 0;
        return (
          <span
            key={h}
            title={`${WEEKDAYS[day]} ${String(h).padStart(2, "0")}:00 — ${v === undefined ? "no posts" : displayValue(v, format, locale)}`}
            data-filled={v !== undefined ? "true" : undefined}
            className={`h-6 rounded-sm ${v === undefined ? "bg-slate-100 dark:bg-slate-800" : ""}`}
            style={v === undefined ? undefined : { backgroundColor: `rgba(79, 110, 247, ${(0.2 + 0.8 * share).toFixed(2)})` }}
          />
        );
      })}
    </>
  );
}
