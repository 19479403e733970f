/**
 * The "notifications" consumer of the event log: turns each event into notification rows for the
 * people it concerns, per their choices. Runs inside consumeEvents' transaction (rows and the
 * "handled" mark commit together); emails go out later, from the runner (./email.ts).
 */
import type { Db } from "@/db/client";
import {
  accountNameOf,
  approverIdsOf,
  authorOf,
  insertNotifications,
  membersOf,
  notificationPrefsOf,
  patchNotificationData,
  unadoptedReconnectRows,
  usersNotifiedOf,
  type NewNotification,
} from "@/db/queries/notifications";
import { consumeEvents } from "../events/consume";
import type { PublishingEvent } from "@/lib/events";
import { isTrigger, quietUntil, resolvePrefs, type Trigger } from "./prefs";
import { messageFor } from "./messages";
import { countNotificationDeliveries } from "../monitoring/counters";

export const CONSUMER = "notifications";

const str = (v: unknown) => (typeof v === "string" && v ? v : null);

/**
 * A publishing failure that will be retried is not news yet: people hear about a post that failed
 * for good (permanent error, or out of retries = dead letter). The engine marks retries with
 * `final: false`; failures decided before any call (validation, expiry) carry no flag and are final.
 */
export function isFinalFailure(data: Record<string, unknown>): boolean {
  return data.final !== false && data.status !== "pending";
}

/** Who hears about this event, before their own choices: ids of current members. */
export async function recipientsOf(db: Db, e: PublishingEvent, trigger: Trigger): Promise<string[]> {
  const members = await membersOf(db, e.workspaceId);
  const isMember = new Set(members.map((m) => m.userId));
  const admins = members.filter((m) => m.role === "admin").map((m) => m.userId);
  const actor = str(e.data.actor_id);
  const author = async () => {
    const given = str(e.data.author_id);
    if (given) return given;
    const id = str(e.data.content_item_id) ?? str(e.data.content_id);
    return id ? ((await authorOf(db, id))?.authorId ?? null) : null;
  };
  let ids: (string | null)[] = [];
  switch (trigger) {
    case "content_submitted":
      ids = [...admins, ...(await approverIdsOf(db, e.workspaceId))].filter((id) => id !== actor);
      break;
    case "content_approved":
    case "content_changes_requested":
    case "content_rejected": {
      // Nobody needs telling about their own decision on their own content.
      const a = await author();
      ids = a && a !== actor ? [a] : [];
      break;
    }
    case "publishing_failed":
      ids = isFinalFailure(e.data) ? [await author(), ...admins] : [];
      break;
    case "account_needs_reconnect":
    case "alert_fired":
    case "alert_resolved":
      ids = admins;
      break;
    case "schedule_missed":
      ids = [await author()];
      break;
  }
  return [...new Set(ids.filter((id): id is string => !!id && isMember.has(id)))];
}

/** Handles one batch of events (consumeEvents hands them over inside its transaction). */
export async function fanOut(db: Db, events: PublishingEvent[], now = new Date()): Promise<number> {
  let made = 0;
  let inApp = 0;
  for (const e of events) {
    if (!isTrigger(e.type)) continue;
    const trigger = e.type;
    const people = await recipientsOf(db, e, trigger);
    if (!people.length) continue;
    const already = await usersNotifiedOf(db, e.id);
    const prefs = await notificationPrefsOf(db, people);
    const msg = messageFor(trigger, e.data, await titleOf(db, e));
    const adoptable =
      trigger === "account_needs_reconnect" && str(e.data.platform_account_id)
        ? await unadoptedReconnectRows(db, e.workspaceId, str(e.data.platform_account_id)!)
        : [];
    const rows: NewNotification[] = [];
    for (const userId of people) {
      if (already.has(userId)) continue;
      const p = resolvePrefs(prefs.get(userId)?.prefs, prefs.get(userId)?.quiet);
      const choice = p.triggers[trigger];
      const held = choice.email ? quietUntil(p.quietHours, now) : null;
      const channels = { event_id: e.id, trigger, in_app: choice.in_app, email: choice.email, ...(held ? { email_due_at: held.toISOString() } : {}) };
      const own = adoptable.find((r) => r.userId === userId);
      if (own) {
        await patchNotificationData(db, own.id, channels);
        if (choice.in_app) inApp++;
        made++;
        continue;
      }
      if (!choice.in_app && !choice.email) continue;
      rows.push({
        userId,
        workspaceId: e.workspaceId,
        type: trigger,
        title: msg.title,
        body: msg.body,
        link: msg.link,
        data: { ...pick(e.data), ...channels },
      });
    }
    await insertNotifications(db, rows);
    made += rows.length;
    inApp += rows.filter((r) => (r.data as { in_app?: boolean }).in_app).length;
  }
  // In this same transaction: counted once, with the rows, whatever the number of runners.
  await countNotificationDeliveries(db, "in_app", "delivered", inApp);
  return made;
}

async function titleOf(db: Db, e: PublishingEvent): Promise<string | null> {
  const given = str(e.data.title);
  if (given) return given;
  if (e.type === "account_needs_reconnect" && str(e.data.platform_account_id)) return accountNameOf(db, str(e.data.platform_account_id)!);
  const id = str(e.data.content_item_id) ?? str(e.data.content_id);
  return id ? ((await authorOf(db, id))?.title ?? null) : null;
}

/** The ids worth keeping on the row (links, filters); never whole payloads. */
function pick(data: Record<string, unknown>) {
  const keep = [
    "content_item_id",
    "content_id",
    "schedule_id",
    "platform_id",
    "platform_account_id",
    "approval_request_id",
    "actor_id",
    "status",
    "error_code",
    "incident_id",
    "rule_id",
    "kind",
  ];
  return Object.fromEntries(keep.filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));
}

/** Drains the event log for this consumer (a few batches at most per call). */
export async function runFanOut(db: Db, batch = 200, maxBatches = 5): Promise<number> {
  let handled = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await consumeEvents(db, CONSUMER, async (tx, events) => void (await fanOut(tx, events)), batch);
    handled += n;
    if (n < batch) break;
  }
  return handled;
}
