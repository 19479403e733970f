import type { PublishedLink as Link } from "@/lib/scheduling/published-link";

/** "View on <platform>": the post where it was published, in a new tab. */
export function PublishedLink({ link, className = "" }: { link: Link | null; className?: string }) {
  if (!link) return null;
  return (
    <a
      href={link.href}
      target="_blank"
      rel="noopener noreferrer"
      className={`text-sm font-medium text-brand-700 underline underline-offset-2 hover:no-underline dark:text-brand-100 ${className}`}
      data-testid="published-link"
    >
      {link.label}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
