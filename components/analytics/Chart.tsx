"use client";
/**
 * One Recharts chart for the analytics screen: bars and/or lines over a category axis (days,
 * platforms, error types), on one or two value axes. Takes plain JSON from the server page.
 * Axis text follows the theme through `currentColor`; the chart sits in a box of its own
 * width (ResponsiveContainer), so it never widens the page on a phone.
 */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { displayValue, type Format, type Row } from "@/lib/analytics/report";
import type { Format as PersonFormat } from "@/lib/format";
import { useFormat } from "@/components/ui/FormatProvider";

export interface Series {
  key: string;
  label: string;
  color: string;
  kind: "bar" | "line";
  /** "right" puts the series on a second axis (e.g. a rate next to counts). */
  axis?: "left" | "right";
  stack?: string;
}

export interface ChartProps {
  data: Row[];
  /** The category key (x axis). */
  x: string;
  series: Series[];
  left: Format;
  right?: Format;
  /** A sentence saying what the chart shows, for screen readers (the table follows). */
  summary: string;
  testId?: string;
}

function tick(v: unknown, format: Format, f: PersonFormat): string {
  if (typeof v !== "number") return String(v);
  if (format === "percent") return f.number(v, { style: "percent", maximumFractionDigits: v < 0.1 && v !== 0 ? 1 : 0 });
  if (format === "seconds") return displayValue(v, "seconds", f.locale);
  return f.number(v, { notation: "compact", maximumFractionDigits: 1 });
}

interface TipProps {
  active?: boolean;
  label?: string | number;
  payload?: { dataKey?: unknown; name?: unknown; value?: unknown; color?: string }[];
}

function Tip({ active, label, payload, series, left, right }: TipProps & Pick<ChartProps, "series" | "left" | "right">) {
  const { locale } = useFormat();
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs text-slate-800 shadow dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
      <p className="mb-1 font-medium">{String(label)}</p>
      {payload.map((p) => {
        const s = series.find((x) => x.key === p.dataKey);
        const format = s?.axis === "right" && right ? right : left;
        return (
          <p key={String(p.dataKey)} className="flex items-center gap-2">
            <span aria-hidden className="inline-block h-2 w-2 rounded-full" style={{ backgroundColor: s?.color ?? p.color }} />
            {String(p.name)}: {displayValue(typeof p.value === "number" ? p.value : null, format, locale)}
          </p>
        );
      })}
    </div>
  );
}

export function Chart({ data, x, series, left, right, summary, testId }: ChartProps) {
  const f = useFormat();
  const axisProps = { tick: { fill: "currentColor", fontSize: 12 }, stroke: "currentColor", strokeOpacity: 0.35 };
  return (
    <div role="img" aria-label={summary} data-testid={testId} className="h-60 w-full min-w-0 text-slate-600 sm:h-72 dark:text-slate-300">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: right ? 4 : 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.12} vertical={false} />
          <XAxis dataKey={x} {...axisProps} minTickGap={12} tickMargin={6} />
          <YAxis yAxisId="left" {...axisProps} width={46} tickFormatter={(v) => tick(v, left, f)} allowDecimals={left !== "count"} />
          {right && <YAxis yAxisId="right" orientation="right" {...axisProps} width={42} tickFormatter={(v) => tick(v, right, f)} domain={[0, "auto"]} />}
          <Tooltip cursor={{ fill: "currentColor", fillOpacity: 0.08 }} content={<Tip series={series} left={left} right={right} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span className="text-slate-700 dark:text-slate-200">{value}</span>} />
          {series.map((s) =>
            s.kind === "bar" ? (
              <Bar
                key={s.key}
                yAxisId={s.axis ?? "left"}
                dataKey={s.key}
                name={s.label}
                fill={s.color}
                stackId={s.stack}
                maxBarSize={40}
                isAnimationActive={false}
              />
            ) : (
              <Line
                key={s.key}
                yAxisId={s.axis ?? "left"}
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
                dot={{ r: 3, fill: s.color }}
                type="monotone"
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
