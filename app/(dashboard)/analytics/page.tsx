import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/app/_server/session";
import { formatFor } from "@/app/_server/format";
import { lastDays, PRESETS, readRange } from "@/lib/analytics/range";
import { analyticsReport } from "@/lib/analytics/dashboard";
import { PageHeader } from "@/components/ui/PageHeader";
import { RangePicker } from "@/components/analytics/RangePicker";
import { Summary } from "@/components/analytics/Summary";
import { Sections } from "@/components/analytics/Sections";
import { EmptyState } from "@/components/analytics/EmptyState";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, actor } = await requireMember();
  const fmt = await formatFor(db, actor);
  const now = new Date();
  const { range, note } = readRange(await searchParams, now, fmt.timeZone);
  const report = await analyticsReport(db, actor, range, fmt.locale);
  const presets = Object.fromEntries(
    PRESETS.map((n) => {
      const r = lastDays(n, now, range.zone);
      return [n, { from: r.from, to: r.to }];
    }),
  );
  const longer = range.days.length < 90 ? `/analytics?${new URLSearchParams(presets[90])}` : null;

  return (
    <>
      <PageHeader
        title="Analytics"
        description={`${fmt.withZone("UTC").range(`${range.from}T00:00:00Z`, `${range.to}T00:00:00Z`, { dateOnly: true })}, days and hours in ${range.zone}.`}
      />
      <Link href="/analytics/trials" className="mb-4 inline-block text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">
        Trials of posting times →
      </Link>
      <RangePicker key={`${range.from}:${range.to}`} range={range} presets={presets} note={note} />
      {report.empty ? (
        <EmptyState longer={longer} />
      ) : (
        <>
          <Summary summary={report.summary} locale={fmt.locale} />
          <Sections report={report} locale={fmt.locale} />
        </>
      )}
    </>
  );
}
