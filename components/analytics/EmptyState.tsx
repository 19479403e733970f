/** Shown instead of the charts when nothing was attempted, published or measured in the range. */
import Link from "next/link";

export function EmptyState({ longer }: { longer: string | null }) {
  return (
    <div className="card flex flex-col items-center gap-3 py-12 text-center" data-testid="analytics-empty">
      <p className="font-medium">Nothing published in this range yet</p>
      <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
        Nothing published in this range yet — schedule a post from Content and its publishing shows here as soon as it goes out; likes, shares and comments
        follow an hour later. Or look at a longer range.
      </p>
      <div className="flex flex-wrap justify-center gap-2">
        <Link href="/content" className="btn-primary">
          Go to content
        </Link>
        {longer && (
          <Link href={longer} className="btn-secondary">
            Show the last 90 days
          </Link>
        )}
      </div>
    </div>
  );
}
