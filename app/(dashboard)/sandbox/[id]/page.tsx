import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireMember } from "@/app/_server/session";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { formatFor } from "@/app/_server/format";
import { getSandboxPost, type SandboxMedia } from "@/lib/sandbox/posts";
import { PageHeader } from "@/components/ui/PageHeader";

export const metadata: Metadata = { title: "Sandbox post" };

/** A media address the page may show inline: the app's own (its signed media links), as a path. */
function ownPath(url: string | null): string | null {
  // Browsers drop tabs and line breaks inside a URL ("/\t/evil.example" is //evil.example).
  if (!url || /[\u0000-\u001f\u007f\\]/.test(url)) return null;
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  const base = getConfig().publicUrl;
  if (!base || !url.startsWith(`${base}/`)) return null;
  return url.slice(base.length);
}

function Media({ items, count }: { items: SandboxMedia[]; count: number }) {
  if (!count) return null;
  if (!items.length)
    return (
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
        {count} media item{count === 1 ? "" : "s"} (recorded before the sandbox kept their details).
      </p>
    );
  return (
    <ul className="mt-3 grid gap-3 sm:grid-cols-2" aria-label="Media">
      {items.map((m, i) => {
        // The app's own media route (members only, never expires) before the signed public link (24 h).
        const src = m.mediaId && z.uuid().safeParse(m.mediaId).success ? `/api/v1/media/${m.mediaId}/file` : ownPath(m.url);
        return (
          <li key={i} className="rounded border border-slate-200 p-2 text-sm dark:border-slate-700" data-testid="sandbox-media">
            {src && m.mimeType?.startsWith("image/") ? (
              // eslint-disable-next-line @next/next/no-img-element -- the app's own media route; no image optimiser in front of it
              <img src={src} alt={m.altText ?? ""} className="max-h-64 w-full rounded object-contain" />
            ) : (
              <p className="text-slate-700 dark:text-slate-300">{m.mimeType ?? "media"}</p>
            )}
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{m.altText ? `Alt text: ${m.altText}` : "No alt text"}</p>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A post the sandbox platform "published", as the sandbox recorded it: the stand-in for the post
 * page of a real network that "View on Sandbox" opens. Members of the account's workspace only.
 */
export default async function SandboxPostPage({ params }: { params: Promise<{ id: string }> }) {
  const { db, actor } = await requireMember();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  let post;
  try {
    post = await getSandboxPost(db, actor, id);
  } catch (err) {
    if (err instanceof AppError && err.code.startsWith("not_found")) notFound();
    throw err;
  }
  const f = await formatFor(db, actor);
  return (
    <>
      <PageHeader
        title="Sandbox post"
        description="What the sandbox platform published: a local stand-in for a real network, visible to this workspace only."
      />
      <article className="card max-w-2xl" aria-labelledby="sandbox-post-h" data-testid="sandbox-post">
        <header className="mb-2">
          <h2 id="sandbox-post-h" className="text-base font-semibold">
            {post.title || "Untitled post"}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {post.accountName} · published{" "}
            <time dateTime={post.createdAt.toISOString()}>
              {f.date(post.createdAt, "full")}, {f.time(post.createdAt, { seconds: true })}
            </time>{" "}
            ({f.timeZone.replaceAll("_", " ")})
          </p>
        </header>
        <p className="whitespace-pre-wrap break-words" data-testid="sandbox-text">
          {post.text}
        </p>
        <Media items={post.media.items} count={post.media.count} />
        {post.link && (
          <p className="mt-3 text-sm">
            Link: <span className="break-all">{post.link}</span>
          </p>
        )}
        {post.tags.length > 0 && <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{post.tags.map((t) => `#${t}`).join(" ")}</p>}
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
          {f.number(post.likes)} like{post.likes === 1 ? "" : "s"}
        </p>
        {post.replies.length > 0 && (
          <section className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-700" aria-label="Rest of the thread">
            <ol className="space-y-3">
              {post.replies.map((r, i) => (
                <li key={r.id} className="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    Part {i + 2} · <time dateTime={r.createdAt.toISOString()}>{f.dateTime(r.createdAt, { seconds: true })}</time>
                  </p>
                  <p className="whitespace-pre-wrap break-words">{r.text}</p>
                </li>
              ))}
            </ol>
          </section>
        )}
      </article>
    </>
  );
}
