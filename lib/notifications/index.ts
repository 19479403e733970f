/**
 * A person's own notifications and notification settings. Every function acts for `actor.userId`
 * in `actor.workspaceId` only: nobody reads or marks another member's notifications (an API token
 * speaks for its creator).
 */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import {
  countNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationPrefsOf,
  writeNotificationPrefs,
  type NotificationRow,
} from "@/db/queries/notifications";
import type { Actor } from "../auth/actor";
import { AppError } from "../errors";
import { resolvePrefs, toStored, type NotificationPrefs, type NotificationPrefsInput } from "./prefs";

function me(actor: Actor): string {
  if (!actor.userId) throw new AppError("bad_request:no_user", "this token has no person behind it");
  return actor.userId;
}

export function notificationOut(n: NotificationRow) {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    body: n.body,
    link: n.link,
    read_at: n.readAt?.toISOString() ?? null,
    created_at: n.createdAt.toISOString(),
  };
}
export type NotificationView = ReturnType<typeof notificationOut>;

export async function listMyNotifications(db: Db, actor: Actor, q: { page: number; limit: number; unread: boolean }) {
  const userId = me(actor);
  const [rows, counts] = await Promise.all([
    listNotifications(db, userId, actor.workspaceId, { limit: q.limit, offset: (q.page - 1) * q.limit, unreadOnly: q.unread }),
    countNotifications(db, userId, actor.workspaceId),
  ]);
  const total = q.unread ? counts.unread : counts.total;
  return { items: rows.map(notificationOut), unread_count: counts.unread, total, page: q.page, pages: Math.max(1, Math.ceil(total / q.limit)) };
}

export async function unreadCount(db: Db, actor: Actor) {
  return (await countNotifications(db, me(actor), actor.workspaceId)).unread;
}

export async function markMyNotificationRead(db: Db, actor: Actor, id: string) {
  const row = await markNotificationRead(db, me(actor), actor.workspaceId, id);
  if (!row) throw new AppError("not_found:notification", "no such notification of yours");
  return { id: row.id, read_at: row.readAt!.toISOString() };
}

export async function markAllMyNotificationsRead(db: Db, actor: Actor) {
  return { updated: await markAllNotificationsRead(db, me(actor), actor.workspaceId) };
}

export function prefsOut(p: NotificationPrefs) {
  return { triggers: p.triggers, digest: p.digest, quiet_hours: p.quietHours };
}

export async function getMyNotificationPrefs(db: Db, actor: Actor) {
  const userId = me(actor);
  const stored = (await notificationPrefsOf(db, [userId])).get(userId);
  return resolvePrefs(stored?.prefs, stored?.quiet);
}

export async function setMyNotificationPrefs(db: Db, actor: Actor, input: NotificationPrefsInput) {
  const userId = me(actor);
  return db.transaction(async (tx) => {
    const stored = (await notificationPrefsOf(tx, [userId])).get(userId);
    const before = resolvePrefs(stored?.prefs, stored?.quiet);
    const next = toStored(input, stored?.prefs);
    await writeNotificationPrefs(tx, userId, next.notificationPrefs, next.quietHours);
    const after = resolvePrefs(next.notificationPrefs, next.quietHours);
    await writeAudit(tx, actor, {
      action: "notification_preferences.update",
      entityType: "user",
      entityId: userId,
      before: prefsOut(before),
      after: prefsOut(after),
    });
    return after;
  });
}
