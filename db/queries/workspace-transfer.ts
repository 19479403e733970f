import { and, asc, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import {
  alertRules,
  approvalRequests,
  auditLog,
  contentAnalytics,
  contentItems,
  contentMedia,
  contentVariants,
  contentVersions,
  hashtagGroups,
  media,
  memberships,
  engagementObservations,
  optimizationTrials,
  platformAccounts,
  publishAttempts,
  recurrenceSeries,
  reviewComments,
  sandboxPosts,
  scheduleExceptions,
  schedules,
  signatures,
  templates,
  templateVersions,
  userPreferences,
  users,
  webhooks,
  workspaces,
} from "../schema";

/**
 * The tables a workspace export carries, parents before children (the order rows are inserted
 * in), each with the rows that belong to one workspace. A kind is named after its table; the
 * archive's NDJSON files use the tables' column names.
 */
export interface TransferTable {
  kind: string;
  table: PgTable;
  /** The rows of one workspace. */
  scope: (workspaceId: string) => SQL;
  /** A column that points at another row of the same kind (replies): parents go first. */
  parent?: string;
}

const contentOf = (col: PgColumn) => (ws: string) => sql`${col} in (select id from content_items where workspace_id = ${ws})`;

export const TRANSFER_TABLES: TransferTable[] = [
  { kind: "platform_accounts", table: platformAccounts, scope: (ws) => eq(platformAccounts.workspaceId, ws) },
  {
    kind: "sandbox_posts",
    table: sandboxPosts,
    scope: (ws) => sql`${sandboxPosts.platformAccountId} in (select id from platform_accounts where workspace_id = ${ws})`,
  },
  { kind: "media", table: media, scope: (ws) => eq(media.workspaceId, ws) },
  { kind: "content_items", table: contentItems, scope: (ws) => eq(contentItems.workspaceId, ws) },
  { kind: "content_versions", table: contentVersions, scope: contentOf(contentVersions.contentItemId) },
  { kind: "content_variants", table: contentVariants, scope: contentOf(contentVariants.contentItemId) },
  { kind: "content_media", table: contentMedia, scope: contentOf(contentMedia.contentItemId) },
  { kind: "recurrence_series", table: recurrenceSeries, scope: (ws) => eq(recurrenceSeries.workspaceId, ws) },
  { kind: "optimization_trials", table: optimizationTrials, scope: (ws) => eq(optimizationTrials.workspaceId, ws) },
  { kind: "schedules", table: schedules, scope: (ws) => eq(schedules.workspaceId, ws) },
  {
    kind: "publish_attempts",
    table: publishAttempts,
    scope: (ws) => sql`${publishAttempts.scheduleId} in (select id from schedules where workspace_id = ${ws})`,
  },
  { kind: "schedule_exceptions", table: scheduleExceptions, scope: (ws) => eq(scheduleExceptions.workspaceId, ws) },
  { kind: "templates", table: templates, scope: (ws) => eq(templates.workspaceId, ws) },
  {
    kind: "template_versions",
    table: templateVersions,
    scope: (ws) => sql`${templateVersions.templateId} in (select id from templates where workspace_id = ${ws})`,
  },
  { kind: "hashtag_groups", table: hashtagGroups, scope: (ws) => eq(hashtagGroups.workspaceId, ws) },
  { kind: "signatures", table: signatures, scope: (ws) => eq(signatures.workspaceId, ws) },
  { kind: "approval_requests", table: approvalRequests, scope: (ws) => eq(approvalRequests.workspaceId, ws) },
  { kind: "review_comments", table: reviewComments, scope: contentOf(reviewComments.contentItemId), parent: "parent_id" },
  { kind: "webhooks", table: webhooks, scope: (ws) => eq(webhooks.workspaceId, ws) },
  { kind: "content_analytics", table: contentAnalytics, scope: contentOf(contentAnalytics.contentItemId) },
  { kind: "engagement_observations", table: engagementObservations, scope: (ws) => eq(engagementObservations.workspaceId, ws) },
  { kind: "alert_rules", table: alertRules, scope: (ws) => eq(alertRules.workspaceId, ws) },
  { kind: "audit_log", table: auditLog, scope: (ws) => eq(auditLog.workspaceId, ws) },
];

/**
 * Tables the archive leaves out, and why. A test holds every table of the schema to be either a
 * kind above or named here, so a new table is a decision, not an omission.
 */
export const NOT_TRANSFERRED: Record<string, string> = {
  workspaces: "the workspace row itself: workspace.ndjson, its settings copied onto the new one",
  users: "people.ndjson lists the members; accounts of this server are not created",
  memberships: "people.ndjson; the importer becomes the only member (admin)",
  user_preferences: "people.ndjson, for reference: a person's preferences are theirs, not the workspace's",
  invites: "links of the exporting server",
  api_tokens: "secrets of the exporting server (hash only)",
  calendar_feeds: "secret URLs of the exporting server",
  review_links: "secret URLs of the exporting server (the decisions they gathered live on as review comments and approvals)",
  review_link_decisions: "goes with review_links",
  login_attempts: "sign-in throttling of this server",
  recovery_codes: "a person's second factor",
  password_resets: "a person's reset links",
  oauth_states: "connect flows in progress",
  idempotency_keys: "API replays for 24 hours",
  rate_limit_windows: "request counts of this server",
  runner_heartbeats: "this server's job runners",
  publishing_events: "the live event stream, pruned daily: replayed, its events would reach webhooks and notifications again",
  event_consumptions: "goes with publishing_events",
  metric_counters: "this server's Prometheus counters",
  notifications: "a person's inbox",
  webhook_deliveries: "a delivery log; pending ones would be sent again from the new server",
  alert_incidents: "the exporting server's alerts: the new server evaluates the rules afresh",
  health_samples: "the exporting server's own health checks",
  best_time_models: "fitted from engagement_observations: the learn-best-times job fits them afresh",
  evergreen_categories: "not carried yet: its account list (uuid[]) needs remapping like recurrence_series; recreate categories after an import",
  evergreen_items: "goes with evergreen_categories",
  evergreen_placements: "which slots a category filled here; the schedules themselves are carried",
  evergreen_skips: "the last fill's notes on this server",
  feeds: "subscriptions that poll outside addresses from this server; add them again on the new one (their posts come along as content)",
  feed_items: "goes with feeds",
  tracked_links: "short links under the exporting server's address; their codes are unique per server, so the same archive imported twice there would collide",
  link_clicks: "goes with tracked_links; where a platform reports no clicks, the counted ones are already in content_analytics",
  best_time_refits: "a work queue of this server's job; the import queues a refit of every account it brings",
};

/** The primary key's columns of a table (one, or the composite key). */
export function keyColumns(table: PgTable): PgColumn[] {
  const cols = Object.values(getTableColumns(table));
  const single = cols.filter((c) => c.primary);
  if (single.length) return single;
  // The config's key columns are stand-ins; the table's own columns carry the types.
  const names = (getTableConfig(table).primaryKeys[0]?.columns ?? []).map((c) => c.name);
  return names.map((n) => cols.find((c) => c.name === n)!);
}

const PAGE = 2000;

/**
 * A kind's rows of one workspace, page by page in primary-key order (keyset: each page starts
 * after the last key of the one before), so an export never holds a whole table.
 */
export async function* transferRows(db: Db, t: TransferTable, workspaceId: string, page = PAGE): AsyncGenerator<Record<string, unknown>> {
  const keys = keyColumns(t.table);
  const cols = getTableColumns(t.table);
  const keyNames = keys.map((k) => Object.entries(cols).find(([, c]) => c === k)![0]);
  let after: unknown[] | null = null;
  for (;;) {
    const from: unknown[] | null = after;
    // A row comparison covers composite keys: (a, b) > (x, y).
    const next = from
      ? sql`(${sql.join(keys, sql`, `)}) > (${sql.join(
          keys.map((k, i) => sql`${from[i]}::${sql.raw(k.getSQLType().replace(/^bigserial$/, "bigint"))}`),
          sql`, `,
        )})`
      : undefined;
    const rows = (await db
      .select()
      .from(t.table)
      .where(and(t.scope(workspaceId), next))
      .orderBy(...keys.map((k) => asc(k)))
      .limit(page)) as Record<string, unknown>[];
    yield* rows;
    if (rows.length < page) return;
    const last = rows[rows.length - 1]!;
    after = keyNames.map((n) => (last[n] instanceof Date ? (last[n] as Date).toISOString() : last[n]));
  }
}

/** How many rows of a kind a workspace has (tests compare these before and after an import). */
export async function countTransferRows(db: Db, t: TransferTable, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(t.table).where(t.scope(workspaceId));
  return row?.n ?? 0;
}

/** Rows of every table the archive writes to, all workspaces together (nothing half-imported). */
export async function countAllTransferRows(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    ...TRANSFER_TABLES.map((x) => ({ kind: x.kind, table: x.table })),
    { kind: "workspaces", table: workspaces },
    { kind: "memberships", table: memberships },
  ]) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(t.table);
    out[t.kind] = row?.n ?? 0;
  }
  return out;
}

/** Inserts rows (keyed by the table's field names) in statements small enough for any driver. */
export async function insertTransferRows(db: Db, t: TransferTable, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  // Postgres takes at most 65,535 parameters per statement.
  const per = Math.max(1, Math.floor(30_000 / Object.keys(getTableColumns(t.table)).length));
  for (let i = 0; i < rows.length; i += per) await db.insert(t.table).values(rows.slice(i, i + per) as never);
}

/** The workspace row itself, every column. */
export async function workspaceRow(db: Db, workspaceId: string) {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  return row ?? null;
}

/** Copies the exported workspace's settings onto the workspace an import made. */
export async function setImportedWorkspaceSettings(db: Db, workspaceId: string, v: Partial<typeof workspaces.$inferInsert>) {
  await db.update(workspaces).set(v).where(eq(workspaces.id, workspaceId));
}

/** The members of a workspace with their roles and personal preferences (the archive's people). */
export function workspacePeople(db: Db, workspaceId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      timezone: userPreferences.timezone,
      locale: userPreferences.locale,
      weekStart: userPreferences.weekStart,
      minPostsPerDay: userPreferences.minPostsPerDay,
      maxPostsPerDay: userPreferences.maxPostsPerDay,
      postingFrequency: userPreferences.postingFrequency,
      minGapMinutes: userPreferences.minGapMinutes,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(userPreferences, eq(userPreferences.userId, users.id))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.email));
}
