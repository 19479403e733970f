/** The report's headline numbers for the range. */
import { displayValue, formatSeconds, type Report } from "@/lib/analytics/report";

export function Summary({ summary, locale }: { summary: Report["summary"]; locale: string }) {
  const items = [
    {
      id: "success",
      label: "Publish success",
      value: displayValue(summary.successRate, "percent", locale),
      note: `${displayValue(summary.succeeded, "count", locale)} of ${displayValue(summary.attempts, "count", locale)} attempts`,
    },
    { id: "published", label: "Posts published", value: displayValue(summary.published, "count", locale), note: "in this range" },
    {
      id: "latency",
      label: "Median latency",
      value: summary.latencyP50 === null ? "–" : formatSeconds(summary.latencyP50, locale),
      note: summary.latencyP95 === null ? "due to first attempt" : `95th percentile ${formatSeconds(summary.latencyP95, locale)}`,
    },
    {
      id: "engagement",
      label: "Engagement rate",
      value: displayValue(summary.meanRate, "percent", locale),
      note: `${summary.measured} post${summary.measured === 1 ? "" : "s"} measured`,
    },
  ];
  return (
    <dl className="mb-5 grid grid-cols-2 gap-3 lg:grid-cols-4">
      {items.map((i) => (
        <div key={i.id} className="card">
          <dt className="text-sm text-slate-600 dark:text-slate-400">{i.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`summary-${i.id}`}>
            {i.value}
          </dd>
          <dd className="text-xs text-slate-600 dark:text-slate-400">{i.note}</dd>
        </div>
      ))}
    </dl>
  );
}
