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
import { LearnedBestTimes } from "@/components/analytics/LearnedBestTimes";
import { learnedBestTimes } from "@/lib/besttimes/view";
import { clickReport, getLinkTracking } from "@/lib/links";
import { LinkClicks } from "@/components/links/LinkClicks";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, actor } = await requireMember();
  const fmt = await formatFor(db, actor);
  const now = new Date();
  const params = await searchParams;
  const { range, note } = readRange(params, now, fmt.timeZone);
  const chosen = typeof params.account === "string" ? params.account : undefined;
  const [report, learned, clicks, tracking] = await Promise.all([
    analyticsReport(db, actor, range, fmt.locale),
    learnedBestTimes(db, actor, chosen),
    clickReport(db, actor, { from: range.from, to: range.to }, now),
    getLinkTracking(db, actor.workspaceId),
  ]);
  const utc = fmt.withZone("UTC");
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
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/analytics/trials" className="btn-secondary">
              Trials of posting times
            </Link>
            <Link href="/analytics/import" className="btn-secondary">
              Import history
            </Link>
          </div>
        }
      />
      <RangePicker key={`${range.from}:${range.to}`} range={range} presets={presets} note={note} />
      {report.empty ? (
        <EmptyState longer={longer} />
      ) : (
        <>
          <Summary summary={report.summary} locale={fmt.locale} />
          <Sections report={report} locale={fmt.locale} />
        </>
      )}
      <div className="mt-5">
        <LinkClicks rows={clicks.rows} total={clicks.total} enabled={tracking.enabled} day={(d) => utc.date(`${d}T00:00:00Z`)} number={(n) => fmt.number(n)} />
      </div>
      <div className="mt-5">
        <LearnedBestTimes
          view={learned}
          locale={fmt.locale}
          learnedAt={learned.learnedAt ? fmt.dateTime(learned.learnedAt) : null}
          keep={{ from: range.from, to: range.to }}
        />
      </div>
    </>
  );
}
