import type { Db } from "@/db/client";
import { listVariants, type ContentRow } from "@/db/queries/content";
import { getMediaByIds } from "@/db/queries/media";
import { validateFor } from "@/adapters/registry";
import type { PlatformId, ValidationIssue } from "@/adapters/types";
import { AppError } from "../errors";
import { draftFor } from "./post-draft";
import { draftToCount, trackingFor } from "../links";

/** A 400 listing each platform's blocking issue. */
export function platformIssuesError(errors: ValidationIssue[]) {
  return new AppError(
    "bad_request:platform_validation",
    errors.map((e) => e.message).join(" "),
    errors.map((e) => ({ platform: e.platform, field: e.field, code: e.code, message: e.message })),
  );
}

/**
 * Every issue of an item on each platform, with that platform's variant and media. Errors block
 * scheduling; warnings are shown.
 */
export async function validateItemFor(db: Db, workspaceId: string, item: ContentRow, platforms: PlatformId[]): Promise<ValidationIssue[]> {
  const variants = await listVariants(db, item.id);
  const issues: ValidationIssue[] = [];
  // Tracked links go out as short links: count those.
  const tracking = await trackingFor(db, workspaceId, item.linkTracking);
  for (const platform of [...new Set(platforms)]) {
    const variant = variants.find((v) => v.platform === platform);
    // A platform's own media replace the item's; otherwise the item's go everywhere.
    const media = await getMediaByIds(db, workspaceId, variant?.mediaIds ?? item.mediaIds);
    issues.push(...validateFor(platform, draftToCount(draftFor(item, variant, media), tracking)));
  }
  return issues;
}
