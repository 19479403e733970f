/**
 * Which platforms a piece of content is for: one rule for the quality gates' check, the
 * submission for review (which runs the same gates) and the reviewer's previews, so what the
 * author is warned about, what blocks the submission and what the reviewer sees agree.
 *
 * Content is for the accounts it is scheduled on by a schedule that may still publish (pending,
 * paused, or being published right now: UNSENT_STATUSES), and for every platform it has its own
 * text (a variant) or settings for. Schedules that went out, failed for good or were dropped do
 * not count.
 */
import type { Db } from "@/db/client";
import { listVariants, type ContentRow } from "@/db/queries/content";
import { unsentTargetsOf } from "@/db/queries/schedules";
import { isPlatformId } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";

export interface ContentTargets {
  /** The accounts it is scheduled on, each once, earliest schedule first. */
  accounts: { accountId: string; platform: PlatformId }[];
  /** Every platform it is for: the scheduled ones first, then those with a variant, then those with settings. */
  platforms: PlatformId[];
}

/** The rule itself, over what was read: scheduled accounts, variants' platforms, the item's settings. */
export function targetsOf(
  scheduled: { platformAccountId: string; platformId: string }[],
  variantPlatforms: string[],
  platformConfigs: unknown,
): ContentTargets {
  const accounts = scheduled.flatMap((s) => (isPlatformId(s.platformId) ? [{ accountId: s.platformAccountId, platform: s.platformId }] : []));
  const all = [...scheduled.map((s) => s.platformId), ...variantPlatforms, ...Object.keys(platformConfigs ?? {})];
  return { accounts, platforms: [...new Set(all)].filter(isPlatformId) };
}

export async function contentTargets(db: Db, item: Pick<ContentRow, "id" | "workspaceId" | "platformConfigs">): Promise<ContentTargets> {
  const [scheduled, variants] = await Promise.all([unsentTargetsOf(db, item.workspaceId, item.id), listVariants(db, item.id)]);
  return targetsOf(
    scheduled,
    variants.map((v) => v.platform),
    item.platformConfigs,
  );
}
