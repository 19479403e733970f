import type { Format } from "@/lib/format";

/** Words and numbers of a trial as the screens show them, in the person's locale. */
export const STRATEGY_LABELS: Record<string, string> = {
  learned: "Learned best times",
  baseline: "Research baseline",
  slots: "Fixed weekly slots",
};
export const METRIC_LABELS: Record<string, string> = { engagement_rate: "Engagement rate", clicks: "Clicks" };
export const ALLOCATION_LABELS: Record<string, string> = { alternate: "Alternate (balanced)", random: "Random" };
export const STATUS_LABELS: Record<string, string> = { running: "Running", completed: "Completed", stopped: "Stopped" };

// 2023-01-01 was a Sunday: weekday d is that date plus d days.
const weekdayDate = (d: number) => new Date(Date.UTC(2023, 0, 1 + d, 12));

/** A metric value: a rate as a percent, clicks as a number. */
export function metricValue(fmt: Format, metric: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  return metric === "clicks" ? fmt.number(v, { maximumFractionDigits: 1 }) : fmt.number(v, { style: "percent", maximumFractionDigits: 2 });
}

export function percent(fmt: Format, v: number | null | undefined): string {
  return v === null || v === undefined ? "—" : fmt.number(v, { style: "percent", maximumFractionDigits: 1 });
}

/** "Mon, Tue 09:00, 12:30" in the locale (the zone is said once by the caller). */
export function describeSlots(fmt: Format, slots: { days: number[]; times: string[] }[]): string {
  const utc = fmt.withZone("UTC");
  return slots
    .map((s) => {
      const days = s.days.map((d) => utc.weekday(weekdayDate(d), "short")).join(", ");
      const times = s.times.map((t) => utc.time(new Date(`2023-01-01T${t}:00Z`))).join(", ");
      return `${days} ${times}`;
    })
    .join("; ");
}

/** The arm's short names for a weekday checkbox row: Sun … Sat in the locale. */
export function weekdayNames(fmt: Format): string[] {
  const utc = fmt.withZone("UTC");
  return [0, 1, 2, 3, 4, 5, 6].map((d) => utc.weekday(weekdayDate(d), "short"));
}
