import Link from "next/link";
import { listHref, type ListParams } from "./listQuery";

export function Pagination({
  page,
  pages,
  total,
  shown,
  limit,
  params,
}: {
  page: number;
  pages: number;
  total: number;
  shown: number;
  limit: number;
  params: ListParams;
}) {
  if (total === 0) return null;
  const first = (page - 1) * limit + 1;
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
      <span data-testid="page-info">{shown ? `${first}–${first + shown - 1} of ${total}` : `Page ${page} is past the end (${total} items)`}</span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link className="btn-secondary py-1" href={listHref(params, { page: String(Math.min(page - 1, pages)) })}>
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
          <Link className="btn-secondary py-1" href={listHref(params, { page: String(page + 1) })}>
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
