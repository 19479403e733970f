import Link from "next/link";

/** Previous / next links that keep the filters. */
export function AuditPages({
  page,
  pages,
  total,
  shown,
  limit,
  raw,
}: {
  page: number;
  pages: number;
  total: number;
  shown: number;
  limit: number;
  raw: Record<string, string>;
}) {
  if (total === 0) return null;
  const href = (p: number) => `/settings/audit?${new URLSearchParams({ ...raw, page: String(p) })}`;
  const first = (page - 1) * limit + 1;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
      <span data-testid="audit-page-info">{shown ? `${first}–${first + shown - 1} of ${total}` : `Page ${page} is past the end (${total} entries)`}</span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link className="btn-secondary py-1" href={href(Math.min(page - 1, pages))}>
            Previous
          </Link>
        ) : (
          <span className="btn-secondary py-1 opacity-50" aria-disabled="true">
            Previous
          </span>
        )}
        <span className="self-center">
          Page {page} of {pages}
        </span>
        {page < pages ? (
          <Link className="btn-secondary py-1" href={href(page + 1)}>
            Next
          </Link>
        ) : (
          <span className="btn-secondary py-1 opacity-50" aria-disabled="true">
            Next
          </span>
        )}
      </span>
    </nav>
  );
}
