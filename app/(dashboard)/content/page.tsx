import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { listContent } from "@/lib/content";
import { formatFor } from "@/app/_server/format";
import { AppError } from "@/lib/errors";
import { MAX_IMPORT_ROWS } from "@/lib/import/csv";
import { CONTENT_STATUSES } from "@/lib/validation/content";
import { listAccountSummaries } from "@/lib/accounts/manage";
import { PLATFORMS } from "@/adapters/types";
import { platformName } from "@/adapters/registry";
import { ContentToolbar } from "@/components/content/ContentToolbar";
import { ContentFilters } from "@/components/content/ContentFilters";
import { ContentList } from "@/components/content/ContentList";
import { Pagination } from "@/components/content/Pagination";
import { filtersOf, readListQuery } from "@/components/content/listQuery";
import { zonedDayRange } from "@/lib/time/days";

export const metadata: Metadata = { title: "Content" };

export default async function ContentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, actor } = await requireMember();
  const sp = await searchParams;
  const { query, params, ignored } = readListQuery(sp);
  const canWrite = can(actor.role, "content:write");
  const [f, accounts] = await Promise.all([formatFor(db, actor), canWrite ? listAccountSummaries(db, actor) : []]);
  let list: Awaited<ReturnType<typeof listContent>> = { items: [], total: 0, page: 1, pages: 1 };
  let problem: string | null = null;
  try {
    // Days typed in the filters are the person's days.
    list = await listContent(db, actor, { ...query, ...zonedDayRange(params, f.timeZone) });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problem = err.message;
  }
  const zone = f.timeZone;
  const filtered = Object.keys(filtersOf(params)).length > 0;

  return (
    <>
      <ContentToolbar
        key={sp.import === "1" ? "import" : "list"}
        canWrite={canWrite}
        openImport={sp.import === "1"}
        maxRows={MAX_IMPORT_ROWS}
        params={params}
        total={list.total}
      />
      <ContentFilters
        params={params}
        ignored={ignored}
        focusSearch={sp.focus === "search"}
        statuses={CONTENT_STATUSES.map((s) => ({ value: s, label: s.replace("_", " ") }))}
        platforms={PLATFORMS.map((p) => ({ value: p, label: platformName(p) }))}
      />
      {problem && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          {problem}
        </p>
      )}
      {list.total === 0 && !problem ? (
        <div className="card flex flex-col items-center gap-3 py-12 text-center" data-testid="content-empty">
          {filtered ? (
            <>
              <p className="font-medium">Nothing matches these filters.</p>
              <Link href="/content" className="btn-secondary">
                Clear filters
              </Link>
            </>
          ) : (
            <>
              <p className="font-medium">No content yet.</p>
              <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
                {canWrite
                  ? "Write a post in the composer, or import many at once from a CSV file (a spreadsheet saved as CSV, one row per post)."
                  : "Posts your team writes or imports will be listed here."}
              </p>
              {canWrite && (
                <div className="flex flex-wrap justify-center gap-2">
                  <Link href="/content/new" className="btn-primary">
                    Write a post
                  </Link>
                  <Link href="/content?import=1" className="btn-secondary">
                    Import a CSV file
                  </Link>
                </div>
              )}
            </>
          )}
        </div>
      ) : (
        <>
          <ContentList
            canWrite={canWrite}
            zone={zone}
            params={params}
            accounts={accounts
              .filter((a) => a.status !== "disabled")
              .map((a) => ({ id: a.id, label: `${a.name} (${platformName(a.platform)})`, status: a.status }))}
            rows={list.items.map((c) => ({
              id: c.id,
              title: c.title,
              excerpt: c.content.slice(0, 120),
              status: c.status,
              contentType: c.contentType,
              tags: c.tags,
              scheduled: c.scheduledFor ? f.dateTime(c.scheduledFor) : null,
              scheduledIso: c.scheduledFor?.toISOString() ?? null,
              updated: f.dateTime(c.updatedAt),
              updatedIso: c.updatedAt.toISOString(),
              author: c.authorName ?? null,
            }))}
          />
          <Pagination page={list.page} pages={list.pages} total={list.total} shown={list.items.length} limit={query.limit} params={params} />
        </>
      )}
    </>
  );
}
