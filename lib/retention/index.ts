/**
 * Retention: how long a workspace keeps publish attempts, analytics measurements, events,
 * notifications, its audit log and webhook deliveries (settings.ts: defaults and bounds), and the
 * hourly pruning that applies it (prune.ts, run by the `prune` job of jobs/catalogue.ts). Admins
 * change the settings; every member sees them and what they would remove.
 */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getStoredRetention, setStoredRetention } from "@/db/queries/retention";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { countWouldRemove } from "./prune";
import { readRetention, retentionViewOf, type RetentionInput, type RetentionPreview, type RetentionSettings, type RetentionView } from "./settings";

export { pruneRetention } from "./prune";

export async function getRetentionSettings(db: Db, workspaceId: string): Promise<RetentionSettings> {
  return readRetention(await getStoredRetention(db, workspaceId));
}

export async function getRetention(db: Db, actor: Actor): Promise<RetentionView> {
  assertCan(actor.role, "workspace:read");
  return retentionViewOf(await getRetentionSettings(db, actor.workspaceId));
}

/** Replaces the settings (input already parsed by `retentionSchema`; kinds left out follow the default). */
export async function saveRetention(db: Db, actor: Actor, input: RetentionInput): Promise<RetentionView> {
  assertCan(actor.role, "workspace:manage");
  return db.transaction(async (tx) => {
    const before = readRetention(await getStoredRetention(tx, actor.workspaceId, { forUpdate: true }));
    const stored = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    await setStoredRetention(tx, actor.workspaceId, stored);
    const after = readRetention(stored);
    await writeAudit(tx, actor, { action: "retention.update", entityType: "workspace", entityId: actor.workspaceId, before, after });
    return retentionViewOf(after);
  });
}

/**
 * What the next pruning would remove from the caller's workspace, counted now: under the saved
 * settings, with the kinds given in `proposed` changed (the settings screen asks as values are typed).
 */
export async function previewRetention(db: Db, actor: Actor, proposed: RetentionInput, now = new Date()): Promise<RetentionPreview> {
  assertCan(actor.role, "workspace:read");
  const settings = { ...(await getRetentionSettings(db, actor.workspaceId)) };
  for (const [k, v] of Object.entries(proposed)) if (v !== undefined) settings[k as keyof RetentionSettings] = v;
  const would = await countWouldRemove(db, actor.workspaceId, settings, now);
  return { settings, would_remove: would, total: Object.values(would).reduce((a, b) => a + b, 0) };
}
