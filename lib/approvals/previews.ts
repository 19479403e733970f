import type { Db } from "@/db/client";
import { listVariants, type ContentRow } from "@/db/queries/content";
import { getAccounts } from "@/db/queries/accounts";
import { getMediaByIds } from "@/db/queries/media";
import { getDescriptor, isPlatformId } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";
import { draftFor } from "../content/post-draft";
import { previewFor } from "../composer/preview";
import { contentTargets } from "../content/platforms";

/**
 * How the version under review will look on each account it is scheduled on, under that account's
 * own name (the reviewer judges the post as its readers will see it, not as its author wrote it);
 * then each other platform it is for (lib/content/platforms.ts), under the platform's name. With
 * none, one generic preview.
 */
export async function reviewPreviews(db: Db, item: ContentRow) {
  const [variants, targets, media] = await Promise.all([
    listVariants(db, item.id),
    contentTargets(db, item),
    getMediaByIds(db, item.workspaceId, item.mediaIds ?? []),
  ]);
  const accountIds = targets.accounts.map((a) => a.accountId);
  const accounts = await getAccounts(db, item.workspaceId, accountIds);
  const shown: { key: string; platform: PlatformId; name: string }[] = accountIds
    .map((id) => accounts.find((a) => a.id === id))
    .filter((a) => a !== undefined && isPlatformId(a.platform))
    .map((a) => ({ key: a!.id, platform: a!.platform as PlatformId, name: a!.name }));
  for (const p of targets.platforms) if (!shown.some((s) => s.platform === p)) shown.push({ key: p, platform: p, name: getDescriptor(p).name });
  const generic = !shown.length;
  if (generic) shown.push({ key: "generic", platform: "sandbox", name: "Your account" });
  const composerMedia = media.map((m) => ({
    id: m.id,
    filename: m.filename,
    mimeType: m.mimeType,
    sizeBytes: m.sizeBytes,
    width: m.width,
    height: m.height,
    durationMs: m.durationMs,
    altText: m.altText,
  }));
  return {
    generic,
    media: composerMedia,
    previews: shown.map((s) => ({
      key: s.key,
      author: s.name,
      preview: previewFor(
        s.platform,
        draftFor(
          item,
          variants.find((v) => v.platform === s.platform),
          composerMedia,
        ),
      ),
    })),
  };
}
