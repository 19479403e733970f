import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { contentItems, memberships, notifications, userPreferences, users, workspaces } from "../schema";

export type NewNotification = typeof notifications.$inferInsert;

const listColumns = {
  id: notifications.id,
  type: notifications.type,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  data: notifications.data,
  readAt: notifications.readAt,
  emailedAt: notifications.emailedAt,
  createdAt: notifications.createdAt,
};
export type NotificationRow = {
  id: string;
  type: string;
  title: string;
  body: string | null;
  link: string | null;
  data: unknown;
  readAt: Date | null;
  emailedAt: Date | null;
  createdAt: Date;
};

/** Rows a person sees in the app: theirs, in this workspace, not email-only. */
const visible = (userId: string, workspaceId: string) =>
  and(eq(notifications.userId, userId), eq(notifications.workspaceId, workspaceId), sql`coalesce((${notifications.data}->>'in_app')::boolean, true)`);

export async function listNotifications(
  db: Db,
  userId: string,
  workspaceId: string,
  opts: { limit: number; offset: number; unreadOnly: boolean },
): Promise<NotificationRow[]> {
  const where = opts.unreadOnly ? and(visible(userId, workspaceId), isNull(notifications.readAt)) : visible(userId, workspaceId);
  return (
    db
      .select(listColumns)
      .from(notifications)
      .where(where)
      // Unread first, newest first within each group.
      .orderBy(sql`(${notifications.readAt} is null) desc`, desc(notifications.createdAt), asc(notifications.id))
      .limit(opts.limit)
      .offset(opts.offset)
  );
}

export async function countNotifications(db: Db, userId: string, workspaceId: string) {
  const [row] = await db
    .select({ total: sql<number>`count(*)::int`, unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)::int` })
    .from(notifications)
    .where(visible(userId, workspaceId));
  return { total: Number(row?.total ?? 0), unread: Number(row?.unread ?? 0) };
}

/** Marks one of the person's own notifications read; null when it is not theirs (or not there). */
export async function markNotificationRead(db: Db, userId: string, workspaceId: string, id: string) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), visible(userId, workspaceId)))
    .returning({ id: notifications.id, readAt: notifications.readAt });
  return row ?? null;
}

export async function markAllNotificationsRead(db: Db, userId: string, workspaceId: string) {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(visible(userId, workspaceId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

// Fan-out ---------------------------------------------------------------------------------------

export async function membersOf(db: Db, workspaceId: string) {
  return db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
}

export async function approverIdsOf(db: Db, workspaceId: string): Promise<string[]> {
  const [row] = await db.select({ ids: workspaces.approverIds }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row?.ids ?? [];
}

export async function authorOf(db: Db, contentItemId: string): Promise<{ authorId: string | null; title: string } | null> {
  const [row] = await db
    .select({ authorId: contentItems.authorId, title: contentItems.title })
    .from(contentItems)
    .where(eq(contentItems.id, contentItemId))
    .limit(1);
  return row ?? null;
}

export async function notificationPrefsOf(db: Db, userIds: string[]) {
  if (!userIds.length) return new Map<string, { prefs: unknown; quiet: unknown }>();
  const rows = await db
    .select({ userId: userPreferences.userId, prefs: userPreferences.notificationPrefs, quiet: userPreferences.quietHours })
    .from(userPreferences)
    .where(inArray(userPreferences.userId, userIds));
  return new Map(rows.map((r) => [r.userId, { prefs: r.prefs, quiet: r.quiet }]));
}

export async function writeNotificationPrefs(db: Db, userId: string, prefs: Record<string, unknown>, quiet: Record<string, unknown>) {
  await db
    .insert(userPreferences)
    .values({ userId, notificationPrefs: prefs, quietHours: quiet })
    .onConflictDoUpdate({ target: userPreferences.userId, set: { notificationPrefs: prefs, quietHours: quiet, updatedAt: new Date() } });
}

/** Who already has a row for this event (a second pass over an event adds nothing). */
export async function usersNotifiedOf(db: Db, eventId: number): Promise<Set<string>> {
  const rows = await db
    .select({ userId: notifications.userId })
    .from(notifications)
    .where(sql`${notifications.data}->>'event_id' = ${String(eventId)}`);
  return new Set(rows.map((r) => r.userId));
}

/**
 * In-app rows the publishing engine wrote itself for a flagged account (before the event log had
 * consumers), recent and not yet tied to an event: the fan-out adopts them instead of doubling up.
 */
export async function unadoptedReconnectRows(db: Db, workspaceId: string, accountId: string) {
  return db
    .select({ id: notifications.id, userId: notifications.userId, data: notifications.data })
    .from(notifications)
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.type, "account_needs_reconnect"),
        sql`${notifications.data}->>'platform_account_id' = ${accountId}`,
        sql`not (${notifications.data} ? 'event_id')`,
        sql`${notifications.createdAt} > now() - interval '1 hour'`,
      ),
    );
}

export async function patchNotificationData(db: Db, id: string, patch: Record<string, unknown>) {
  await db
    .update(notifications)
    .set({ data: sql`${notifications.data} || ${JSON.stringify(patch)}::jsonb` })
    .where(eq(notifications.id, id));
}

export async function insertNotifications(db: Db, rows: NewNotification[]) {
  if (rows.length) await db.insert(notifications).values(rows);
}

// Email -----------------------------------------------------------------------------------------

export type EmailJob = { id: string; title: string; body: string | null; link: string | null; type: string; email: string; name: string; attempts: number };

/**
 * Takes up to `limit` emails that are due (quiet hours over, wanted, not sent, not leased by
 * another runner) and leases them for `leaseSeconds`: two runners never send the same one.
 */
export async function leaseDueEmails(db: Db, leaseSeconds: number, limit: number): Promise<EmailJob[]> {
  const result = await db.execute(sql`
    WITH due AS (
      SELECT n.id FROM notifications n
      WHERE n.emailed_at IS NULL
        AND (n.data->>'email')::boolean IS TRUE
        AND coalesce((n.data->>'email_due_at')::timestamptz, n.created_at) <= now()
        AND coalesce((n.data->>'email_lease_until')::timestamptz, '-infinity') < now()
        AND n.created_at > now() - interval '3 days'
      ORDER BY n.created_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE notifications n SET data = n.data || jsonb_build_object('email_lease_until', now() + make_interval(secs => ${leaseSeconds}))
    FROM due, users u
    WHERE n.id = due.id AND u.id = n.user_id
    RETURNING n.id, n.title, n.body, n.link, n.type, u.email, u.name, coalesce((n.data->>'email_attempts')::int, 0) AS attempts`);
  return rowsOf<EmailJob>(result).map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

export async function markEmailed(db: Db, id: string) {
  await db
    .update(notifications)
    .set({ emailedAt: sql`now()`, data: sql`${notifications.data} - 'email_lease_until' - 'email_error'` })
    .where(eq(notifications.id, id));
}

/** A refused or failed send: try again after `retryInSeconds`, give up after `maxAttempts`. */
export async function recordEmailFailure(db: Db, id: string, attempts: number, message: string, maxAttempts: number, retryInSeconds: number) {
  const patch =
    attempts >= maxAttempts
      ? { email: false, email_failed: true, email_attempts: attempts, email_error: message }
      : { email_attempts: attempts, email_error: message };
  await db
    .update(notifications)
    .set({
      data: sql`${notifications.data} || ${JSON.stringify(patch)}::jsonb || jsonb_build_object('email_lease_until', now() + make_interval(secs => ${retryInSeconds}))`,
    })
    .where(eq(notifications.id, id));
}

// Digest ----------------------------------------------------------------------------------------

export async function digestSubscribers(db: Db) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      timezone: userPreferences.timezone,
      locale: userPreferences.locale,
      prefs: userPreferences.notificationPrefs,
      quiet: userPreferences.quietHours,
    })
    .from(userPreferences)
    .innerJoin(users, eq(users.id, userPreferences.userId))
    .where(sql`(${userPreferences.notificationPrefs}->>'digest')::boolean is true`);
}

/** Claims the person's digest for `day` (their local date); false when it was already claimed. */
export async function claimDigest(db: Db, userId: string, day: string) {
  const rows = await db
    .update(userPreferences)
    .set({ notificationPrefs: sql`${userPreferences.notificationPrefs} || jsonb_build_object('digest_sent_on', ${day}::text)` })
    .where(and(eq(userPreferences.userId, userId), sql`coalesce(${userPreferences.notificationPrefs}->>'digest_sent_on', '') <> ${day}`))
    .returning({ userId: userPreferences.userId });
  return rows.length === 1;
}

export type DigestLine = { workspace: string; published: number; failed: number; failures: { title: string; platform: string; reason: string | null }[] };

/** What happened in each of the person's workspaces between `from` and `to`. */
export async function outcomesFor(db: Db, userId: string, from: Date, to: Date): Promise<DigestLine[]> {
  const result = await db.execute(sql`
    SELECT w.id AS workspace_id, w.name AS workspace, s.publish_status::text AS status, c.title, s.platform_id, s.error_message
    FROM memberships m
    JOIN workspaces w ON w.id = m.workspace_id
    JOIN schedules s ON s.workspace_id = w.id
    JOIN content_items c ON c.id = s.content_item_id
    WHERE m.user_id = ${userId}
      AND s.publish_status IN ('published', 'failed', 'dead_letter')
      AND coalesce(s.published_at, s.updated_at) >= ${from.toISOString()}::timestamptz
      AND coalesce(s.published_at, s.updated_at) < ${to.toISOString()}::timestamptz
    ORDER BY w.name, s.updated_at`);
  const byWs = new Map<string, DigestLine>();
  for (const r of rowsOf<{ workspace_id: string; workspace: string; status: string; title: string; platform_id: string; error_message: string | null }>(
    result,
  )) {
    const line = byWs.get(r.workspace_id) ?? { workspace: r.workspace, published: 0, failed: 0, failures: [] };
    if (r.status === "published") line.published++;
    else {
      line.failed++;
      if (line.failures.length < 10) line.failures.push({ title: r.title, platform: r.platform_id, reason: r.error_message });
    }
    byWs.set(r.workspace_id, line);
  }
  return [...byWs.values()];
}

export async function accountNameOf(db: Db, accountId: string): Promise<string | null> {
  const result = await db.execute(sql`SELECT name FROM platform_accounts WHERE id = ${accountId}`);
  return rowsOf<{ name: string }>(result)[0]?.name ?? null;
}
