import type { reviewPreviews } from "@/lib/approvals/previews";
import { PostPreview } from "@/components/composer/PostPreview";

/** The previews of the version under review (lib/approvals/previews.ts says which and why). */
export function ReviewPreviews({ data }: { data: Awaited<ReturnType<typeof reviewPreviews>> }) {
  return (
    <section className="card space-y-3" aria-labelledby="previews-title">
      <h2 id="previews-title" className="text-base font-semibold">
        Previews
      </h2>
      {data.generic && <p className="text-sm text-slate-600 dark:text-slate-400">Not scheduled on any platform yet: shown as a generic post.</p>}
      <div className="grid gap-3 md:grid-cols-2">
        {data.previews.map((p) => (
          <PostPreview key={p.key} preview={p.preview} author={p.author} media={data.media} />
        ))}
      </div>
    </section>
  );
}
