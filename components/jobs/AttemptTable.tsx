/** The attempts table of the job monitor (server-rendered; details open without script). */
import Link from "next/link";
import type { PublishedLink as PostLink } from "@/lib/scheduling/published-link";
import { PublishedLink } from "@/components/schedules/PublishedLink";
import { ScheduleActions } from "@/components/schedules/ScheduleActions";
import type { Format } from "@/lib/format";

export interface AttemptRow {
  id: string;
  scheduleId: string;
  attemptNumber: number;
  startedAt: string;
  durationMs: number | null;
  outcome: string;
  outcomeLabel: string;
  httpStatus: number | null;
  responseExcerpt: string | null;
  errorMessage: string | null;
  platformName: string;
  retryCount: number;
  maxRetries: number;
  title: string;
  accountName: string;
  publishStatus: string;
  link: PostLink | null;
  /** The newest attempt of its schedule: the row that carries the schedule's controls. */
  controls: boolean;
}

const TONE: Record<string, string> = {
  success: "text-emerald-700 dark:text-emerald-300",
  found_existing: "text-emerald-700 dark:text-emerald-300",
  rate_limited: "text-amber-700 dark:text-amber-300",
  retryable: "text-amber-700 dark:text-amber-300",
  unknown_outcome: "text-amber-700 dark:text-amber-300",
  in_progress: "text-violet-700 dark:text-violet-300",
};

/** `f`: the person's format (a server component, so it can take one). */
export function AttemptTable({ rows, f, empty, canWrite }: { rows: AttemptRow[]; f: Format; empty: string; canWrite: boolean }) {
  return (
    <section className="card overflow-x-auto p-0" aria-labelledby="attempts-title">
      <h2 id="attempts-title" className="px-4 pt-4 text-base font-semibold">
        Attempts
      </h2>
      {rows.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <thead className="text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-2 py-2 font-medium sm:px-4">
                Started
              </th>
              <th scope="col" className="px-2 py-2 font-medium sm:px-4">
                Post
              </th>
              <th scope="col" className="px-2 py-2 font-medium sm:px-4">
                Outcome
              </th>
              <th scope="col" className="hidden px-2 py-2 font-medium sm:px-4 md:table-cell">
                Duration
              </th>
              <th scope="col" className="hidden px-2 py-2 font-medium sm:px-4 md:table-cell">
                HTTP
              </th>
              <th scope="col" className="hidden px-2 py-2 font-medium sm:px-4 lg:table-cell">
                Retries
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((a) => (
              <tr key={a.id} data-testid="attempt-row" className="align-top">
                <td className="whitespace-nowrap px-2 py-2 sm:px-4">
                  <time dateTime={a.startedAt}>{f.dateTime(a.startedAt, { seconds: true })}</time>
                </td>
                <td className="px-2 py-2 sm:px-4">
                  <Link href={`/jobs?schedule=${a.scheduleId}`} className="font-medium underline-offset-2 hover:underline">
                    {a.title}
                  </Link>
                  <div className="text-xs text-slate-600 dark:text-slate-400">
                    {a.platformName} · {a.accountName} · attempt {a.attemptNumber}
                  </div>
                  {a.controls && (a.link || canWrite) && (
                    <div className="mt-1 flex flex-wrap items-center gap-2">
                      <PublishedLink link={a.link} className="text-xs" />
                      <ScheduleActions
                        canWrite={canWrite}
                        schedule={{ id: a.scheduleId, status: a.publishStatus, title: a.title, accountName: a.accountName }}
                      />
                    </div>
                  )}
                </td>
                <td className="px-2 py-2 sm:px-4">
                  <span className={`font-medium ${TONE[a.outcome] ?? "text-red-700 dark:text-red-300"}`}>{a.outcomeLabel}</span>
                  {(a.errorMessage || a.responseExcerpt) && (
                    <details className="mt-1 max-w-md text-xs text-slate-600 dark:text-slate-400">
                      <summary className="cursor-pointer">Details</summary>
                      {a.errorMessage && <p className="mt-1">{a.errorMessage}</p>}
                      {a.responseExcerpt && (
                        <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-50 p-2 dark:bg-slate-900">{a.responseExcerpt}</pre>
                      )}
                    </details>
                  )}
                </td>
                <td className="hidden px-2 py-2 sm:px-4 md:table-cell">{a.durationMs === null ? "—" : f.duration(a.durationMs)}</td>
                <td className="hidden px-2 py-2 sm:px-4 md:table-cell">{a.httpStatus ?? "—"}</td>
                <td className="hidden px-2 py-2 sm:px-4 lg:table-cell">
                  {f.number(a.retryCount)} / {f.number(a.maxRetries)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
