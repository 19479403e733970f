import type { ComposerInitial } from "@/lib/composer/types";
import { MediaThumb } from "./MediaPicker";

/** The content as it stands, for people who may read but not change it: no edit controls. */
export function ReadOnlyContent({ item, reason }: { item: ComposerInitial; reason: string }) {
  const thread = item.contentType === "thread";
  return (
    <section className="card space-y-4" aria-label="Content">
      <p className="rounded-md bg-slate-100 p-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200">{reason}</p>
      <dl className="grid gap-3 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="font-medium text-slate-600 dark:text-slate-400">Title</dt>
        <dd className="break-words">{item.title}</dd>
        <dt className="font-medium text-slate-600 dark:text-slate-400">Type</dt>
        <dd>{item.contentType}</dd>
        <dt className="font-medium text-slate-600 dark:text-slate-400">Status</dt>
        <dd>{item.status.replaceAll("_", " ")}</dd>
        <dt className="font-medium text-slate-600 dark:text-slate-400">{thread ? "Parts" : "Body"}</dt>
        <dd>
          {thread ? (
            <ol className="list-decimal space-y-2 pl-5">
              {item.parts.map((p, i) => (
                <li key={i} className="whitespace-pre-wrap break-words">
                  {p}
                </li>
              ))}
            </ol>
          ) : (
            <p className="whitespace-pre-wrap break-words">{item.body}</p>
          )}
        </dd>
        <dt className="font-medium text-slate-600 dark:text-slate-400">Tags</dt>
        <dd>{item.tags.length ? item.tags.join(", ") : "None"}</dd>
        {Object.entries(item.variants).map(([platform, text]) => (
          <div key={platform} className="contents">
            <dt className="font-medium text-slate-600 dark:text-slate-400">Text for {platform}</dt>
            <dd className="whitespace-pre-wrap break-words">{text}</dd>
          </div>
        ))}
      </dl>
      {item.media.length > 0 && (
        <ul className="flex flex-wrap gap-3" aria-label="Attached media">
          {item.media.map((m) => (
            <li key={m.id}>
              <MediaThumb media={m} className="h-24 w-24" />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
