import type { Db } from "@/db/client";
import type { ContentRow } from "@/db/queries/content";
import { listVariants } from "@/db/queries/content";
import { getAccounts } from "@/db/queries/accounts";
import { getMediaByIds } from "@/db/queries/media";
import { schedulesInWindow } from "@/db/queries/schedules";
import { getDescriptor, isPlatformId } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";
import { draftFor } from "@/lib/content/draft";
import { previewFor } from "@/lib/composer/preview";
import { PostPreview } from "@/components/composer/PostPreview";

interface Shown { key: string; platform: PlatformId; name: string }

/**
 * How the version under review will look on each account it is scheduled on, under that account's
 * own name (the reviewer judges the post as its readers will see it, not as its author wrote it);
 * then each platform it only has a variant or settings for, under the platform's name.
 */
export async function ReviewPreviews({ db, item }: { db: Db; item: ContentRow }) {
  const [variants, open, media] = await Promise.all([
    listVariants(db, item.id),
    schedulesInWindow(db, item.workspaceId, { contentItemId: item.id, statuses: ["pending", "paused"] }),
    getMediaByIds(db, item.workspaceId, item.mediaIds ?? []),
  ]);
  const accountIds = [...new Set(open.map((s) => s.platformAccountId))];
  const accounts = await getAccounts(db, item.workspaceId, accountIds);
  const shown: Shown[] = accountIds
    .map((id) => accounts.find((a) => a.id === id))
    .filter((a) => a !== undefined && isPlatformId(a.platform))
    .map((a) => ({ key: a!.id, platform: a!.platform as PlatformId, name: a!.name }));
  const other = new Set<string>([...variants.map((v) => v.platform), ...Object.keys(item.platformConfigs ?? {})]);
  for (const p of other) if (isPlatformId(p) && !shown.some((s) => s.platform === p)) shown.push({ key: p, platform: p, name: getDescriptor(p).name });
  const generic = !shown.length;
  if (generic) shown.push({ key: "generic", platform: "sandbox", name: "Your account" });
  const composerMedia = media.map((m) => ({ id: m.id, filename: m.filename, mimeType: m.mimeType, sizeBytes: m.sizeBytes, width: m.width, height: m.height, durationMs: m.durationMs, altText: m.altText }));
  return (
    <section className="card space-y-3" aria-labelledby="previews-title">
      <h2 id="previews-title" className="text-base font-semibold">Previews</h2>
      {generic && <p className="text-sm text-slate-600 dark:text-slate-400">Not scheduled on any platform yet: shown as a generic post.</p>}
      <div className="grid gap-3 md:grid-cols-2">
        {shown.map((s) => (
          <PostPreview key={s.key} preview={previewFor(s.platform, draftFor(item, variants.find((v) => v.platform === s.platform), composerMedia))} author={s.name} media={composerMedia} />
        ))}
      </div>
    </section>
  );
}
