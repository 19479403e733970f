import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { formatFor } from "@/app/_server/format";
import { jobMonitor, OUTCOMES, readMonitorQuery } from "@/lib/publishing/monitor";
import { PLATFORMS } from "@/adapters/types";
import { DESCRIPTORS, platformName } from "@/adapters/registry";
import { PageHeader } from "@/components/ui/PageHeader";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { LiveRefresh } from "@/components/jobs/LiveRefresh";
import { ScheduleActions } from "@/components/schedules/ScheduleActions";
import { PublishedLink } from "@/components/schedules/PublishedLink";
import { publishedLink } from "@/lib/scheduling/published-link";
import { AttemptTable } from "@/components/jobs/AttemptTable";
import { DecisionList } from "@/components/decisions/DecisionList";
import { ZoneNote } from "@/components/schedules/ZoneNote";
import { FirstCommentStatus } from "@/components/jobs/FirstCommentStatus";
import { firstCommentView } from "@/lib/scheduling/comment-view";

export const metadata: Metadata = { title: "Jobs" };

const OUTCOME_LABEL: Record<string, string> = {
  success: "published",
  found_existing: "found on the platform",
  retryable: "failed, will retry",
  rate_limited: "rate limited",
  auth: "credentials refused",
  permanent: "refused by the platform",
  unknown_outcome: "outcome unknown",
  in_progress: "in progress",
};

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, actor } = await requireMember();
  const { query, ignored } = readMonitorQuery(await searchParams);
  const f = await formatFor(db, actor);
  const data = await jobMonitor(db, actor, query, f.timeZone);
  const zone = f.timeZone.replaceAll("_", " ");
  const canWrite = can(actor.role, "schedules:write");
  // Controls once per schedule: on the newest attempt of each (the table lists newest first), and
  // not at all for a schedule already listed above the table.
  const focusComment = data.focus ? firstCommentView(data.focus.firstComment) : null;
  const seen = new Set<string>([...(data.focus ? [data.focus.id] : []), ...data.failed.map((s) => s.id)]);
  const filtered = Object.values(query).some((v) => v !== undefined);

  return (
    <>
      <PageHeader title="Job monitor" description={`Every publish attempt, newest first. Times in ${zone} (${f.zoneName()}).`} actions={<LiveRefresh />} />
      <DecisionList db={db} actor={actor} format={f} />

      <form method="get" className="card mb-5 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter attempts">
        <div>
          <label htmlFor="f-outcome" className="label">
            Outcome
          </label>
          <select id="f-outcome" name="outcome" defaultValue={query.outcome ?? ""} className="input">
            <option value="">Any</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABEL[o]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-platform" className="label">
            Platform
          </label>
          <select id="f-platform" name="platform" defaultValue={query.platform ?? ""} className="input">
            <option value="">Any</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {DESCRIPTORS[p].name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-type" className="label">
            Content type
          </label>
          <select id="f-type" name="content_type" defaultValue={query.content_type ?? ""} className="input">
            <option value="">Any</option>
            {["post", "article", "thread", "carousel"].map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className="label">
            From <span className="font-normal text-slate-600 dark:text-slate-400">(day in {zone})</span>
          </label>
          <input id="f-from" name="from" type="date" defaultValue={query.from ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="f-to" className="label">
            To <span className="font-normal text-slate-600 dark:text-slate-400">(day in {zone})</span>
          </label>
          <input id="f-to" name="to" type="date" defaultValue={query.to ?? ""} className="input" />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className="btn-primary">
            Filter
          </button>
          {filtered && (
            <Link href="/jobs" className="btn-secondary">
              Clear
            </Link>
          )}
        </div>
        {query.schedule && <input type="hidden" name="schedule" value={query.schedule} />}
        {ignored.length > 0 && (
          <p role="status" className="col-span-full text-sm text-amber-800 dark:text-amber-200">
            Ignored unreadable filter{ignored.length > 1 ? "s" : ""}: {ignored.join(", ")}.
          </p>
        )}
      </form>

      {data.focus && (
        <section className="card mb-5" aria-labelledby="focus-title">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <h2 id="focus-title" className="text-base font-semibold">
                History of “{data.focus.title}”
              </h2>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {platformName(data.focus.platformId)} · {data.focus.accountName} · due{" "}
                <time dateTime={data.focus.originalTime.toISOString()}>{f.dateTime(data.focus.originalTime)}</time>
                <ZoneNote f={f} at={data.focus.originalTime} zone={data.focus.timezone} />
              </p>
            </div>
            <div className="flex items-center gap-2">
              <StatusBadge status={data.focus.publishStatus} />
              <Link href="/jobs" className="text-sm underline">
                All attempts
              </Link>
            </div>
          </div>
          <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
            <PublishedLink link={publishedLink(data.focus.platformId, data.focus.platformPostUrl)} />
            <ScheduleActions
              canWrite={canWrite}
              schedule={{
                id: data.focus.id,
                status: data.focus.publishStatus,
                errorCode: data.focus.errorCode,
                title: data.focus.title,
                accountName: data.focus.accountName,
                when: f.wall(data.focus.localTime, data.focus.timezone),
              }}
            />
          </div>
          {data.focus.errorMessage && <p className="mt-2 text-sm text-red-700 dark:text-red-300">{data.focus.errorMessage}</p>}
          {focusComment && (
            <FirstCommentStatus
              comment={focusComment}
              link={publishedLink(data.focus.platformId, focusComment.url)}
              nextAttempt={focusComment.next_attempt_at ? f.dateTime(new Date(focusComment.next_attempt_at)) : null}
              retry={canWrite ? { scheduleId: data.focus.id } : undefined}
            />
          )}
          <ol className="mt-3 space-y-2 border-l-2 border-slate-200 pl-4 dark:border-slate-700" aria-label="Attempts in order">
            {[...data.attempts].reverse().map((a) => (
              <li key={a.id} className="text-sm">
                <span className="font-medium">Attempt {a.attemptNumber}</span> ·{" "}
                <time dateTime={a.startedAt.toISOString()}>{f.dateTime(a.startedAt, { seconds: true })}</time> · {OUTCOME_LABEL[a.outcome] ?? a.outcome}
                {a.durationMs !== null && ` · ${f.duration(a.durationMs)}`}
                {a.httpStatus !== null && ` · HTTP ${a.httpStatus}`}
                {a.errorMessage && <div className="text-slate-600 dark:text-slate-400">{a.errorMessage}</div>}
              </li>
            ))}
            {data.attempts.length === 0 && <li className="text-sm text-slate-600 dark:text-slate-400">No attempts yet: the post has not been due.</li>}
          </ol>
        </section>
      )}

      {data.failed.length > 0 && (
        <section className="card mb-5 p-0" aria-labelledby="failed-title">
          <h2 id="failed-title" className="px-4 pt-4 text-base font-semibold">
            Needs attention ({data.failed.length})
          </h2>
          <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {data.failed.map((s) => (
              <li key={s.id} className="flex flex-wrap items-start gap-3 px-4 py-3" data-testid="failed-row">
                <div className="min-w-0 flex-1">
                  <Link href={`/jobs?schedule=${s.id}`} className="font-medium underline-offset-2 hover:underline">
                    {s.title}
                  </Link>
                  <div className="text-sm text-slate-600 dark:text-slate-400">
                    {s.accountName} · {f.number(s.retryCount)} retr{s.retryCount === 1 ? "y" : "ies"} ·{" "}
                    <time dateTime={s.updatedAt.toISOString()}>{f.dateTime(s.updatedAt)}</time>
                  </div>
                  {s.errorMessage && <div className="mt-1 text-sm text-red-700 dark:text-red-300">{s.errorMessage}</div>}
                </div>
                <StatusBadge status={s.publishStatus} />
                <ScheduleActions
                  canWrite={canWrite}
                  schedule={{
                    id: s.id,
                    status: s.publishStatus,
                    errorCode: s.errorCode,
                    title: s.title,
                    accountName: s.accountName,
                    when: f.wall(s.localTime, s.timezone),
                  }}
                />
              </li>
            ))}
          </ul>
        </section>
      )}

      {data.missed.length > 0 && (
        <section className="card mb-5 p-0" aria-labelledby="missed-title">
          <h2 id="missed-title" className="px-4 pt-4 text-base font-semibold">
            Missed schedules
          </h2>
          <p className="px-4 text-sm text-slate-600 dark:text-slate-400">
            Posts that were due while the server was down, and what their missed-schedule policy did.
          </p>
          <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {data.missed.map((s) => {
              const missed = (s.metadata as { missed?: { message?: string } }).missed;
              return (
                <li key={s.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="missed-row">
                  <div className="min-w-0 flex-1">
                    <Link href={`/jobs?schedule=${s.id}`} className="font-medium underline-offset-2 hover:underline">
                      {s.title}
                    </Link>
                    <div className="text-sm text-slate-600 dark:text-slate-400">{missed?.message ?? "missed"}</div>
                  </div>
                  <StatusBadge status={s.publishStatus} />
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <AttemptTable
        f={f}
        canWrite={canWrite}
        rows={data.attempts.map((a) => {
          const first = !seen.has(a.scheduleId);
          seen.add(a.scheduleId);
          return {
            ...a,
            startedAt: a.startedAt.toISOString(),
            outcomeLabel: OUTCOME_LABEL[a.outcome] ?? a.outcome,
            platformName: platformName(a.platformId),
            link: publishedLink(a.platformId, a.platformPostUrl),
            controls: first,
          };
        })}
        empty={filtered ? "No attempts match these filters." : "No attempts yet. When a scheduled post falls due, each try to publish it shows here."}
      />
    </>
  );
}
