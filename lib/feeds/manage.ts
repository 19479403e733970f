/**
 * Feed subscriptions of a workspace: editors and admins add, change and delete them; everyone
 * reads them with their poll state. URLs are checked when saved (private addresses refused unless
 * FEEDS_ALLOW_PRIVATE) and again at every fetch (fetch.ts), since what a name resolves to changes.
 */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getAccounts } from "@/db/queries/accounts";
import { deleteFeedRow, getFeedRow, insertFeed, listFeedItemRows, listFeedRows, updateFeedRow, type FeedRow } from "@/db/queries/feeds";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { assertPublicUrl } from "../net/address";
import type { FeedDeps } from "./deps";
import type { FeedCreateInput, FeedPatchInput } from "./validation";
import { pollFeed, type PollResult } from "./poll";

async function checkedUrl(raw: string, deps: Pick<FeedDeps, "allowPrivate" | "resolver">) {
  return (await assertPublicUrl(raw, { allowPrivate: deps.allowPrivate, what: "url", resolver: deps.resolver })).toString();
}

async function checkAccounts(db: Db, actor: Actor, ids: string[]) {
  if (!ids.length) return;
  const found = await getAccounts(db, actor.workspaceId, ids);
  const missing = ids.filter((id) => !found.some((a) => a.id === id));
  if (missing.length)
    throw new AppError("not_found:platform_account", `platform account not found: ${missing.join(", ")}`, [
      { field: "platform_account_ids", message: "not an account of this workspace" },
    ]);
}

const view = (f: Pick<FeedRow, "name" | "url" | "mode" | "template" | "platformAccountIds" | "pollIntervalMinutes" | "firstPoll" | "active">) => ({
  name: f.name,
  url: f.url,
  mode: f.mode,
  template: f.template,
  platform_account_ids: f.platformAccountIds,
  poll_interval_minutes: f.pollIntervalMinutes,
  first_poll: f.firstPoll,
  active: f.active,
});

export async function createFeed(db: Db, actor: Actor, input: FeedCreateInput, deps: Pick<FeedDeps, "allowPrivate" | "resolver">) {
  assertCan(actor.role, "feeds:manage");
  const url = await checkedUrl(input.url, deps);
  return db.transaction(async (tx) => {
    await checkAccounts(tx, actor, input.platform_account_ids);
    const row = await insertFeed(tx, {
      workspaceId: actor.workspaceId,
      name: input.name ?? new URL(url).host,
      url,
      platformAccountIds: input.platform_account_ids,
      mode: input.mode,
      template: input.template,
      pollIntervalMinutes: input.poll_interval_minutes,
      firstPoll: input.first_poll,
      active: input.active ?? true,
      createdBy: actor.userId,
    });
    await writeAudit(tx, actor, { action: "feed.create", entityType: "feed", entityId: row.id, after: view(row) });
    return row;
  });
}

export async function listFeeds(db: Db, actor: Actor) {
  assertCan(actor.role, "feeds:read");
  return listFeedRows(db, actor.workspaceId);
}

export async function requireFeed(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "feeds:read");
  const row = await getFeedRow(db, actor.workspaceId, id);
  if (!row) throw notFound("feed");
  return row;
}

export async function updateFeed(db: Db, actor: Actor, id: string, patch: FeedPatchInput, deps: Pick<FeedDeps, "allowPrivate" | "resolver">) {
  assertCan(actor.role, "feeds:manage");
  const url = patch.url === undefined ? undefined : await checkedUrl(patch.url, deps);
  return db.transaction(async (tx) => {
    const before = await requireFeed(tx, actor, id);
    if (patch.platform_account_ids) await checkAccounts(tx, actor, patch.platform_account_ids);
    const mode = patch.mode ?? before.mode;
    const accounts = patch.platform_account_ids ?? before.platformAccountIds;
    if (mode === "queue" && !accounts.length)
      throw new AppError("bad_request:validation", "mode queue needs at least one platform account", [
        { field: "platform_account_ids", message: "pick at least one account to queue to" },
      ]);
    const urlChanged = url !== undefined && url !== before.url;
    const row = (await updateFeedRow(tx, actor.workspaceId, id, {
      ...(url === undefined ? {} : { url }),
      // Another address is another feed: its validators mean nothing there, and the first poll
      // of it marks what it already holds as seen, as for a new feed.
      ...(urlChanged ? { etag: null, lastModified: null, primedAt: null, nextCheckAt: new Date() } : {}),
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.mode === undefined ? {} : { mode: patch.mode }),
      ...(patch.template === undefined ? {} : { template: patch.template }),
      ...(patch.platform_account_ids === undefined ? {} : { platformAccountIds: patch.platform_account_ids }),
      ...(patch.first_poll === undefined ? {} : { firstPoll: patch.first_poll }),
      ...(patch.active === undefined ? {} : { active: patch.active }),
      ...(patch.active && !before.active ? { nextCheckAt: new Date(), consecutiveFailures: 0 } : {}),
      ...(patch.poll_interval_minutes === undefined
        ? {}
        : {
            pollIntervalMinutes: patch.poll_interval_minutes,
            // A shorter interval takes effect now, not after the longer wait already planned.
            nextCheckAt: new Date(
              Math.min(before.nextCheckAt.getTime(), (before.lastCheckedAt ?? new Date()).getTime() + patch.poll_interval_minutes * 60_000),
            ),
          }),
    }))!;
    await writeAudit(tx, actor, { action: "feed.update", entityType: "feed", entityId: id, before: view(before), after: view(row) });
    return row;
  });
}

export async function deleteFeed(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "feeds:manage");
  await db.transaction(async (tx) => {
    const row = await deleteFeedRow(tx, actor.workspaceId, id);
    if (!row) throw notFound("feed");
    await writeAudit(tx, actor, { action: "feed.delete", entityType: "feed", entityId: id, before: view(row) });
  });
}

/** Polls now, whatever the cadence; the answer says what the poll did (an error included). */
export async function pollFeedNow(db: Db, actor: Actor, id: string, deps: FeedDeps, now = new Date()): Promise<{ feed: FeedRow; result: PollResult }> {
  assertCan(actor.role, "feeds:manage");
  await requireFeed(db, actor, id);
  const result = await pollFeed(db, actor.workspaceId, id, deps, now);
  await writeAudit(db, actor, {
    action: "feed.poll",
    entityType: "feed",
    entityId: id,
    after: { status: result.status, new_items: result.new_items, drafts: result.drafts, queued: result.queued, error: result.error },
  });
  return { feed: (await getFeedRow(db, actor.workspaceId, id))!, result };
}

export async function listFeedItems(db: Db, actor: Actor, id: string, limit: number) {
  const feed = await requireFeed(db, actor, id);
  return listFeedItemRows(db, feed.id, limit);
}
