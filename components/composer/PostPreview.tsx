import type { PlatformPreview } from "@/lib/composer/preview";
import type { ComposerMedia } from "@/lib/composer/types";
import { MediaThumb } from "./MediaPicker";

/** Roughly how the post will look on the platform: who posts, the title it shows, each post, media and tags. */
export function PostPreview({ preview, author, media }: { preview: PlatformPreview; author: string; media: ComposerMedia[] }) {
  const shown = media.slice(0, preview.mediaCount);
  return (
    <figure className="rounded-lg border border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-950" aria-label={`Preview on ${preview.name}`}>
      <figcaption className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Preview · {preview.name}</figcaption>
      <ol className="space-y-3">
        {preview.posts.map((post, i) => (
          <li key={i} className="flex gap-2">
            <span aria-hidden className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white">
              {author.slice(0, 1).toUpperCase()}
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-sm font-semibold">
                {author}
                {preview.posts.length > 1 && (
                  <span className="ml-2 font-normal text-slate-600 dark:text-slate-400">
                    {i + 1}/{preview.posts.length}
                  </span>
                )}
              </p>
              {i === 0 && preview.title && <p className="mt-1 text-base font-bold">{preview.title}</p>}
              <p className="mt-1 whitespace-pre-wrap break-words text-sm">
                {post.text || <span className="italic text-slate-600 dark:text-slate-400">Nothing written yet.</span>}
              </p>
              {i === 0 && shown.length > 0 && (
                <div className="mt-2 flex flex-wrap gap-2">
                  {shown.map((m) => (
                    <MediaThumb key={m.id} media={m} className="h-24 w-24" />
                  ))}
                </div>
              )}
              {i === 0 && preview.tags.length > 0 && (
                <p className="mt-2 flex flex-wrap gap-1">
                  {preview.tags.map((t) => (
                    <span key={t} className="rounded bg-slate-200 px-1.5 py-0.5 text-xs dark:bg-slate-800">
                      {t}
                    </span>
                  ))}
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
      {preview.firstComment && (
        <div className="ml-10 mt-2 border-l-2 border-slate-300 pl-3 dark:border-slate-600" data-testid="preview-first-comment">
          <p className="text-xs font-semibold text-slate-600 dark:text-slate-400">{author} · first comment</p>
          <p className="mt-1 whitespace-pre-wrap break-words text-sm">{preview.firstComment}</p>
        </div>
      )}
      {(preview.droppedTags.length > 0 || preview.extraMedia > 0) && (
        <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">
          {preview.droppedTags.length > 0 && `${preview.name} drops the tags ${preview.droppedTags.join(", ")}. `}
          {preview.extraMedia > 0 && `${preview.extraMedia} attachment(s) over ${preview.name}'s limit.`}
        </p>
      )}
    </figure>
  );
}
