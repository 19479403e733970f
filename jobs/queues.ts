/**
 * One Trigger.dev queue per platform, so a slow or rate-limited network never holds up the
 * others; the limits echo each platform's documented pace (the engine's token buckets still
 * enforce the real rate per account).
 */
import { queue } from "@trigger.dev/sdk";
import { PLATFORMS, type PlatformId } from "@/adapters/types";
import { queueFor } from "@/lib/publishing/trigger-sync";

const LIMITS: Partial<Record<PlatformId, number>> = { sandbox: 20, webhook: 20, instagram: 2, threads: 2, facebook: 4, medium: 2, devto: 2 };

export const publishQueues = Object.fromEntries(PLATFORMS.map((p) => [p, queue({ name: queueFor(p), concurrencyLimit: LIMITS[p] ?? 5 })])) as Record<
  PlatformId,
  ReturnType<typeof queue>
>;
