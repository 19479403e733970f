/** Every chart of the report, each with its table and CSV export. */
import type { Report, Row } from "@/lib/analytics/report";
import { displayValue, formatSeconds, WEEKDAYS } from "@/lib/analytics/report";
import { Chart } from "./Chart";
import { ChartCard } from "./ChartCard";
import { Heatmap } from "./Heatmap";

const GREEN = "#10b981";
const RED = "#ef4444";
const BRAND = "#4f6ef7";
const AMBER = "#f59e0b";
const VIOLET = "#8b5cf6";

const NOT_MEASURED = "No engagement measured yet: posts are measured 1 hour, 24 hours and 7 days after they go out.";

function busiest(rows: Row[], key: string): Row | null {
  return rows.reduce<Row | null>((best, r) => (best === null || Number(r[key]) > Number(best[key]) ? r : best), null);
}

const slot = (r: Row) => `${WEEKDAYS[Number(r.weekday)]} ${r.hour}`;

export function Sections({ report, locale }: { report: Report; locale: string }) {
  const { rows, summary, range } = report;
  const days = range.days.length;
  const topPlatform = busiest(rows.platforms, "published");
  const topSlot = busiest(rows.weekday_hour, "published");
  const bestSlot = busiest(rows.best_time, "mean_rate");
  const measured = summary.measured > 0;
  return (
    <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
      <ChartCard
        locale={locale}
        id="success"
        rows={rows.success}
        range={range}
        wide
        description="Finished publish attempts per day, and the share that succeeded."
        empty={summary.attempts === 0 ? "No publish attempts in this range." : null}
      >
        <Chart
          testId="chart-success"
          data={rows.success}
          x="label"
          left="count"
          right="percent"
          series={[
            { key: "succeeded", label: "Succeeded", color: GREEN, kind: "bar", stack: "a" },
            { key: "failed", label: "Failed", color: RED, kind: "bar", stack: "a" },
            { key: "rate", label: "Success rate", color: BRAND, kind: "line", axis: "right" },
          ]}
          summary={`Publish success over ${days} days: ${summary.succeeded} of ${summary.attempts} attempts succeeded (${displayValue(summary.successRate, "percent", locale)}).`}
        />
      </ChartCard>

      <ChartCard
        locale={locale}
        id="latency"
        rows={rows.latency}
        range={range}
        description="Seconds from a post's due time to its first publish attempt, by the day it was due."
        empty={summary.latencyP50 === null ? "No post fell due in this range." : null}
      >
        <Chart
          testId="chart-latency"
          data={rows.latency}
          x="label"
          left="seconds"
          series={[
            { key: "mean_s", label: "Mean", color: BRAND, kind: "line" },
            { key: "p50_s", label: "Median", color: GREEN, kind: "line" },
            { key: "p95_s", label: "95th percentile", color: AMBER, kind: "line" },
          ]}
          summary={`Publish latency: median ${summary.latencyP50 === null ? "none" : formatSeconds(summary.latencyP50, locale)}, 95th percentile ${summary.latencyP95 === null ? "none" : formatSeconds(summary.latencyP95, locale)}.`}
        />
      </ChartCard>

      <ChartCard
        locale={locale}
        id="errors"
        rows={rows.errors}
        range={range}
        description="Failed attempts by error type, and their share of all attempts."
        empty={rows.errors.length === 0 ? "No errors in this range." : null}
      >
        <Chart
          testId="chart-errors"
          data={rows.errors}
          x="label"
          left="count"
          series={[{ key: "count", label: "Attempts", color: RED, kind: "bar" }]}
          summary={`Errors by type: ${rows.errors.map((e) => `${e.label} ${e.count}`).join(", ")}.`}
        />
      </ChartCard>

      <ChartCard
        locale={locale}
        id="platforms"
        rows={rows.platforms}
        range={range}
        description="Posts published in this range, by platform."
        empty={rows.platforms.length === 0 ? "Nothing published in this range." : null}
      >
        <Chart
          testId="chart-platforms"
          data={rows.platforms}
          x="name"
          left="count"
          series={[{ key: "published", label: "Published", color: BRAND, kind: "bar" }]}
          summary={`Posts by platform${topPlatform ? `; most on ${topPlatform.name} (${topPlatform.published})` : ""}.`}
        />
      </ChartCard>

      <ChartCard
        locale={locale}
        id="content_types"
        rows={rows.content_types}
        range={range}
        description="Posts published in this range, by content type."
        empty={rows.content_types.length === 0 ? "Nothing published in this range." : null}
      >
        <Chart
          testId="chart-content-types"
          data={rows.content_types}
          x="content_type"
          left="count"
          series={[{ key: "published", label: "Published", color: VIOLET, kind: "bar" }]}
          summary={`Posts by content type: ${rows.content_types.map((r) => `${r.content_type} ${r.published}`).join(", ")}.`}
        />
      </ChartCard>

      <ChartCard
        locale={locale}
        id="weekday_hour"
        rows={rows.weekday_hour}
        range={range}
        description={`When posts went out, by weekday and hour (${range.zone}).`}
        empty={rows.weekday_hour.length === 0 ? "Nothing published in this range." : null}
      >
        <Heatmap
          locale={locale}
          testId="heatmap-published"
          rows={rows.weekday_hour}
          valueKey="published"
          format="count"
          summary={`Posts by weekday and hour${topSlot ? `; busiest ${slot(topSlot)} (${topSlot.published})` : ""}.`}
        />
      </ChartCard>

      <ChartCard
        locale={locale}
        id="engagement_platforms"
        rows={rows.engagement_platforms}
        range={range}
        description="Mean engagement rate of the posts published in this range, from each post's latest reading."
        empty={measured ? null : NOT_MEASURED}
      >
        <Chart
          testId="chart-engagement-platforms"
          data={rows.engagement_platforms}
          x="name"
          left="percent"
          series={[{ key: "mean_rate", label: "Engagement rate", color: BRAND, kind: "bar" }]}
          summary={`Engagement by platform: ${rows.engagement_platforms.map((r) => `${r.name} ${displayValue(r.mean_rate, "percent", locale)}`).join(", ")}.`}
        />
      </ChartCard>

      <ChartCard
        locale={locale}
        id="engagement_daily"
        rows={rows.engagement_daily}
        range={range}
        wide
        description="Likes, shares and comments of the posts published each day (latest reading per post)."
        empty={measured ? null : NOT_MEASURED}
      >
        <Chart
          testId="chart-engagement-daily"
          data={rows.engagement_daily}
          x="label"
          left="count"
          right="percent"
          series={[
            { key: "likes", label: "Likes", color: BRAND, kind: "bar", stack: "e" },
            { key: "shares", label: "Shares", color: GREEN, kind: "bar", stack: "e" },
            { key: "comments", label: "Comments", color: AMBER, kind: "bar", stack: "e" },
            { key: "mean_rate", label: "Engagement rate", color: VIOLET, kind: "line", axis: "right" },
          ]}
          summary={`Engagement over ${days} days: ${summary.measured} posts measured, mean engagement rate ${displayValue(summary.meanRate, "percent", locale)}.`}
        />
      </ChartCard>

      <ChartCard
        locale={locale}
        id="best_time"
        rows={rows.best_time}
        range={range}
        wide
        description={`Mean engagement rate by the weekday and hour posts went out (${range.zone}); darker is better.`}
        empty={rows.best_time.length === 0 ? NOT_MEASURED : null}
      >
        <Heatmap
          locale={locale}
          testId="heatmap-best-time"
          rows={rows.best_time}
          valueKey="mean_rate"
          format="percent"
          summary={`Best posting times${bestSlot ? `; best ${slot(bestSlot)} (${displayValue(bestSlot.mean_rate, "percent", locale)})` : ""}.`}
        />
      </ChartCard>
    </div>
  );
}
