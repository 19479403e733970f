import type { Db } from "@/db/client";
import type { ContentRow } from "@/db/queries/content";
import { listVariants } from "@/db/queries/content";
import { getMediaByIds } from "@/db/queries/media";
import { openPlatformsOf } from "@/db/queries/schedules";
import { isPlatformId } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";
import { draftFor } from "@/lib/content/draft";
import { previewFor } from "@/lib/composer/preview";
import { PostPreview } from "@/components/composer/PostPreview";

/** How the version under review will look on each platform it is scheduled on (or has a variant for). */
export async function ReviewPreviews({ db, item, author }: { db: Db; item: ContentRow; author: string }) {
  const [variants, scheduled, media] = await Promise.all([listVariants(db, item.id), openPlatformsOf(db, item.id), getMediaByIds(db, item.workspaceId, item.mediaIds ?? [])]);
  const set = new Set<string>([...scheduled, ...variants.map((v) => v.platform), ...Object.keys(item.platformConfigs ?? {})]);
  const platforms = [...set].filter(isPlatformId) as PlatformId[];
  const shown: PlatformId[] = platforms.length ? platforms : ["sandbox"];
  const composerMedia = media.map((m) => ({ id: m.id, filename: m.filename, mimeType: m.mimeType, sizeBytes: m.sizeBytes, width: m.width, height: m.height, durationMs: m.durationMs, altText: m.altText }));
  return (
    <section className="card space-y-3" aria-labelledby="previews-title">
      <h2 id="previews-title" className="text-base font-semibold">Previews</h2>
      {!platforms.length && <p className="text-sm text-slate-600 dark:text-slate-400">Not scheduled on any platform yet: shown as a generic post.</p>}
      <div className="grid gap-3 md:grid-cols-2">
        {shown.map((p) => (
          <PostPreview key={p} preview={previewFor(p, draftFor(item, variants.find((v) => v.platform === p), composerMedia))} author={author} media={composerMedia} />
        ))}
      </div>
    </section>
  );
}
