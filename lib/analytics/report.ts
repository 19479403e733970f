/**
 * Shapes the analytics report's query rows (db/queries/analytics-report.ts) into what the charts,
 * their tables and the CSV exports show: every day of the range present (a quiet day is a gap in
 * the data, not a missing point), rates computed once, one column list per dataset shared by the
 * table behind a chart and its CSV file. Pure: no database, no clock.
 */
import type { DatasetId, RawReport } from "@/db/queries/analytics-report";

export type { DatasetId };
import type { CsvColumn } from "../csv";
import type { ReportRange } from "./range";
import { canonicalLocale, createFormat, FALLBACK_LOCALE } from "../format";

export const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

export const OUTCOME_LABELS: Record<string, string> = {
  retryable: "Temporary failure (retried)",
  rate_limited: "Rate limited",
  auth: "Credentials refused",
  permanent: "Refused by the platform",
  unknown_outcome: "Outcome unknown",
};
const SUCCESS_OUTCOMES = new Set(["success", "found_existing"]);

export type Format = "text" | "day" | "count" | "percent" | "seconds";
export interface Column {
  key: string;
  /** CSV header. */
  header: string;
  /** Table heading. */
  label: string;
  format: Format;
}

const c = (key: string, header: string, label: string, format: Format = "count"): Column => ({ key, header, label, format });
const ENGAGEMENT_COLUMNS = [
  c("posts", "posts", "Posts measured"),
  c("mean_rate", "mean_engagement_rate", "Mean engagement rate", "percent"),
  c("likes", "likes", "Likes"),
  c("shares", "shares", "Shares"),
  c("comments", "comments", "Comments"),
  c("impressions", "impressions", "Impressions"),
];

/** Every dataset behind a chart: its title (and CSV file name) and its columns. */
export const DATASETS: Record<DatasetId, { title: string; columns: Column[] }> = {
  success: {
    title: "Publish success rate",
    columns: [
      c("day", "day", "Day", "day"),
      c("attempts", "attempts", "Attempts"),
      c("succeeded", "succeeded", "Succeeded"),
      c("failed", "failed", "Failed"),
      c("rate", "success_rate", "Success rate", "percent"),
    ],
  },
  latency: {
    title: "Publish latency",
    columns: [
      c("day", "day", "Day due", "day"),
      c("posts", "posts", "Posts"),
      c("mean_s", "mean_seconds", "Mean", "seconds"),
      c("p50_s", "p50_seconds", "Median", "seconds"),
      c("p95_s", "p95_seconds", "95th percentile", "seconds"),
    ],
  },
  errors: {
    title: "Errors by type",
    columns: [
      c("type", "error_type", "Type", "text"),
      c("label", "description", "Meaning", "text"),
      c("count", "attempts", "Attempts"),
      c("share", "share_of_attempts", "Share of all attempts", "percent"),
    ],
  },
  platforms: {
    title: "Posts by platform",
    columns: [c("platform", "platform", "Platform", "text"), c("name", "name", "Name", "text"), c("published", "published", "Published")],
  },
  content_types: {
    title: "Posts by content type",
    columns: [c("content_type", "content_type", "Content type", "text"), c("published", "published", "Published")],
  },
  weekday_hour: {
    title: "Posts by weekday and hour",
    columns: [c("weekday_name", "weekday", "Weekday", "text"), c("hour", "hour", "Hour", "text"), c("published", "published", "Published")],
  },
  engagement_platforms: { title: "Engagement by platform", columns: [c("platform", "platform", "Platform", "text"), ...ENGAGEMENT_COLUMNS] },
  engagement_daily: { title: "Engagement over time", columns: [c("day", "day", "Day published", "day"), ...ENGAGEMENT_COLUMNS] },
  best_time: {
    title: "Best posting times",
    columns: [
      c("weekday_name", "weekday", "Weekday", "text"),
      c("hour", "hour", "Hour", "text"),
      c("samples", "posts", "Posts"),
      c("mean_rate", "mean_engagement_rate", "Mean engagement rate", "percent"),
    ],
  },
};

export const isDatasetId = (v: unknown): v is DatasetId => typeof v === "string" && Object.hasOwn(DATASETS, v);

export type Row = Record<string, string | number | null>;

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** A calendar day's formatter in the person's locale (a calendar day has no zone: read it as UTC). */
const dayFormat = (locale: string) => createFormat({ locale, timeZone: "UTC" });

/** "2026-11-03" → "Nov 3" (en-US), "3 Nov" (en-GB), "3. Nov." (de-DE). */
export function dayLabel(day: string, locale: string = FALLBACK_LOCALE): string {
  const tag = canonicalLocale(locale) ?? FALLBACK_LOCALE;
  return new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`)).replace(/[\u202f\u00a0]/g, " ");
}

/** One row per day of the range, from rows keyed by day (`empty` for the days without one). */
export function fillDays<T extends { day: string | null }>(
  days: readonly string[],
  rows: readonly T[],
  empty: (day: string) => Row,
  shape: (r: T) => Row,
  locale: string = FALLBACK_LOCALE,
): Row[] {
  const byDay = new Map(rows.filter((r) => r.day !== null).map((r) => [r.day as string, r]));
  return days.map((day) => {
    const r = byDay.get(day);
    return { day, label: dayLabel(day, locale), ...(r ? shape(r) : empty(day)) };
  });
}

const hourText = (h: number) => `${String(h).padStart(2, "0")}:00`;

export interface Report {
  range: ReportRange;
  summary: {
    attempts: number;
    succeeded: number;
    successRate: number | null;
    published: number;
    latencyP50: number | null;
    latencyP95: number | null;
    measured: number;
    meanRate: number | null;
  };
  /** Nothing attempted, published or measured in the range. */
  empty: boolean;
  rows: Record<DatasetId, Row[]>;
}

/** The report from its raw rows. `platformName` turns a platform id into its display name. */
/** `locale` names the chart days; the rows keep machine values (the tables format them, the CSV keeps them). */
export function shapeReport(raw: RawReport, range: ReportRange, platformName: (id: string) => string = (id) => id, locale: string = FALLBACK_LOCALE): Report {
  const rows = {} as Record<DatasetId, Row[]>;

  rows.success = fillDays(
    range.days,
    raw.success,
    () => ({ attempts: 0, succeeded: 0, failed: 0, rate: null }),
    (r) => ({
      attempts: r.attempts,
      succeeded: r.succeeded,
      failed: r.attempts - r.succeeded,
      rate: ratio(r.succeeded, r.attempts),
    }),
    locale,
  );

  rows.latency = fillDays(
    range.days,
    raw.latency,
    () => ({ posts: 0, mean_s: null, p50_s: null, p95_s: null }),
    (r) => ({ posts: r.posts, mean_s: r.mean_s, p50_s: r.p50_s, p95_s: r.p95_s }),
    locale,
  );

  const finished = raw.errors.reduce((n, r) => n + r.n, 0);
  rows.errors = raw.errors
    .filter((r) => !SUCCESS_OUTCOMES.has(r.outcome) && r.n > 0)
    .map((r) => ({ type: r.outcome, label: OUTCOME_LABELS[r.outcome] ?? r.outcome, count: r.n, share: ratio(r.n, finished) }));

  rows.platforms = raw.platforms.map((r) => ({ platform: r.key, name: platformName(r.key), published: r.n }));
  rows.content_types = raw.content_types.map((r) => ({ content_type: r.key, published: r.n }));
  rows.weekday_hour = raw.weekday_hour.map((r) => ({
    weekday: r.weekday,
    weekday_name: WEEKDAYS[r.weekday] ?? String(r.weekday),
    hour: hourText(r.hour),
    hour_number: r.hour,
    published: r.n,
  }));

  const engagement = (r: RawReport["engagement_daily"][number]): Row => ({
    posts: r.posts,
    rated: r.rated,
    mean_rate: r.mean_rate,
    likes: r.likes,
    shares: r.shares,
    comments: r.comments,
    impressions: r.impressions,
  });
  rows.engagement_platforms = raw.engagement_platforms.map((r) => ({ platform: r.key, name: platformName(r.key), ...engagement(r) }));
  rows.engagement_daily = fillDays(
    range.days,
    raw.engagement_daily.map((r) => ({ ...r, day: r.key })),
    () => ({ posts: 0, rated: 0, mean_rate: null, likes: 0, shares: 0, comments: 0, impressions: 0 }),
    engagement,
    locale,
  );
  rows.best_time = raw.best_time.map((r) => ({
    weekday: r.weekday,
    weekday_name: WEEKDAYS[r.weekday] ?? String(r.weekday),
    hour: hourText(r.hour),
    hour_number: r.hour,
    samples: r.samples,
    mean_rate: r.mean_rate,
  }));

  const attempts = raw.success.reduce((n, r) => n + r.attempts, 0);
  const succeeded = raw.success.reduce((n, r) => n + r.succeeded, 0);
  const published = raw.platforms.reduce((n, r) => n + r.n, 0);
  const total = raw.latency.find((r) => r.day === null);
  const measured = raw.engagement_platforms.reduce((n, r) => n + r.posts, 0);
  const rated = raw.engagement_platforms.reduce((n, r) => n + r.rated, 0);
  // Mean over every rated post, not a mean of the platforms' means.
  const rateSum = raw.engagement_platforms.reduce((n, r) => n + (r.mean_rate ?? 0) * r.rated, 0);

  return {
    range,
    summary: {
      attempts,
      succeeded,
      successRate: ratio(succeeded, attempts),
      published,
      latencyP50: total?.p50_s ?? null,
      latencyP95: total?.p95_s ?? null,
      measured,
      meanRate: ratio(rateSum, rated),
    },
    empty: attempts === 0 && published === 0 && measured === 0 && !total,
    rows,
  };
}

/** A value as a CSV cell: rates as fractions and seconds to the millisecond, blanks for no data. */
export function csvValue(v: string | number | null | undefined, format: Format): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" && format === "percent") return Math.round(v * 1e6) / 1e6;
  if (typeof v === "number" && format === "seconds") return Math.round(v * 1000) / 1000;
  return v;
}

/** The CSV columns and rows of one dataset (the same columns as the table behind its chart). */
export function csvOf(id: DatasetId, rows: readonly Row[]): { columns: CsvColumn[]; rows: Record<string, unknown>[] } {
  const cols = DATASETS[id].columns;
  return {
    columns: cols.map((col) => ({ key: col.key, header: col.header })),
    rows: rows.map((r) => Object.fromEntries(cols.map((col) => [col.key, csvValue(r[col.key], col.format)]))),
  };
}

/** A value as the tables show it, in the person's locale ("1,234" / "1.234", "26%" / "26 %"). */
export function displayValue(v: string | number | null | undefined, format: Format, locale: string = FALLBACK_LOCALE): string {
  if (v === null || v === undefined) return "–";
  if (typeof v === "string") return format === "day" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dayFormat(locale).date(`${v}T00:00:00Z`) : v;
  const f = dayFormat(locale);
  if (format === "percent") return f.number(v, { style: "percent", maximumFractionDigits: v * 100 >= 10 || v === 0 ? 0 : 1 });
  if (format === "seconds") return formatSeconds(v, locale);
  return f.number(v);
}

/** Seconds in the largest fitting unit: "400 ms", "12 sec", "1.6 min", "2.1 hr" (in the locale's words). */
export function formatSeconds(s: number, locale: string = FALLBACK_LOCALE): string {
  const f = dayFormat(locale);
  const unit = (n: number, u: string, digits: number) =>
    f.number(n, { style: "unit", unit: u, unitDisplay: "short", maximumFractionDigits: digits, minimumFractionDigits: digits });
  if (s < 1) return unit(Math.round(s * 1000), "millisecond", 0);
  if (s < 60) return unit(s, "second", s < 10 ? 1 : 0);
  if (s < 3600) return unit(s / 60, "minute", 1);
  return unit(s / 3600, "hour", 1);
}

/** File name of a dataset's export: `analytics-<id>-<from>-<to>.csv`. */
export const csvFileName = (id: DatasetId, range: Pick<ReportRange, "from" | "to">) => `analytics-${id}-${range.from}-${range.to}.csv`;
