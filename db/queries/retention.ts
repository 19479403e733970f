/**
 * Retention: the stored settings (`workspaces.settings.retention`) and the SQL that counts and
 * removes history older than a cutoff, per kind, for a set of workspaces. The rules of what must
 * stay whatever its age come from lib/retention (passed in as `KeepRules`); one candidate query
 * per kind serves both the count (the settings screen's preview) and the removal, so the two agree.
 */
import { eq, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { workspaces } from "../schema";
import type { RETENTION_KINDS } from "../schema/values";
import { PRUNED_ATTEMPTS_COUNTER, PRUNED_DURATIONS_COUNTER, RETENTION_PRUNED_COUNTER } from "./metric-counters";

export type Kind = (typeof RETENTION_KINDS)[number];

/** Rows of these workspaces, or (null) rows that belong to no workspace (failed sign-ins of unknown addresses …). */
export type Scope = readonly string[] | null;

/** What stays whatever its age (lib/retention/prune.ts says why). */
export interface KeepRules {
  /** Schedule statuses the engine is not done with: every attempt of such a schedule stays. */
  unfinished: readonly string[];
  /** Schedule statuses a person may retry: the schedule's last attempt stays. */
  retryable: readonly string[];
  /** Consumers of the event log: an event stays until each has handled it … */
  consumers: readonly string[];
  /** … or until it is older than this, handled or not. */
  eventsKeptUntil: Date;
  /** Webhook delivery statuses still to be sent. */
  openDeliveries: readonly string[];
}

/** A Postgres array literal of plain identifiers or uuids (quoted, so a comma could not split one). */
const arr = (values: readonly string[], type: "text" | "uuid") =>
  sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, "")}"`).join(",")}}`}::${sql.raw(type)}[]`;
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** `col` belongs to the scope. */
const inScope = (col: SQL, scope: Scope) => (scope === null ? sql`${col} IS NULL` : sql`${col} = ANY(${arr(scope, "uuid")})`);

const TABLES: Record<Kind, string> = {
  publish_attempts: "publish_attempts",
  analytics: "content_analytics",
  events: "publishing_events",
  notifications: "notifications",
  audit_log: "audit_log",
  webhook_deliveries: "webhook_deliveries",
};

/** The ids of `kind` older than `cutoff` in the scope that may go; null when the kind has no rows without a workspace. */
function candidates(kind: Kind, scope: Scope, cutoff: Date, keep: KeepRules): SQL | null {
  switch (kind) {
    case "publish_attempts":
      if (scope === null) return null;
      // In-progress attempts and the attempts of unfinished schedules are the engine's; of a
      // retryable schedule the last attempt (its number and outcome) is what a retry reads.
      return sql`SELECT x.id FROM publish_attempts x JOIN schedules s ON s.id = x.schedule_id
        WHERE ${inScope(sql`s.workspace_id`, scope)} AND x.started_at < ${at(cutoff)} AND x.outcome <> 'in_progress'
          AND s.publish_status::text <> ALL(${arr(keep.unfinished, "text")})
          AND (s.publish_status::text <> ALL(${arr(keep.retryable, "text")})
            OR x.attempt_number < (SELECT max(l.attempt_number) FROM publish_attempts l WHERE l.schedule_id = x.schedule_id))`;
    case "analytics":
      if (scope === null) return null;
      return sql`SELECT x.id FROM content_analytics x JOIN content_items c ON c.id = x.content_item_id
        WHERE ${inScope(sql`c.workspace_id`, scope)} AND x.measured_at < ${at(cutoff)}`;
    case "events":
      if (scope === null) return null;
      return sql`SELECT x.id FROM publishing_events x
        WHERE ${inScope(sql`x.workspace_id`, scope)} AND x.created_at < ${at(cutoff)}
          AND (x.created_at < ${at(keep.eventsKeptUntil)}
            OR (SELECT count(*) FROM event_consumptions c WHERE c.event_id = x.id AND c.consumer = ANY(${arr(keep.consumers, "text")})) >= ${keep.consumers.length}::int)`;
    case "notifications":
      return sql`SELECT x.id FROM notifications x WHERE ${inScope(sql`x.workspace_id`, scope)} AND x.created_at < ${at(cutoff)}`;
    case "audit_log":
      return sql`SELECT x.id FROM audit_log x WHERE ${inScope(sql`x.workspace_id`, scope)} AND x.created_at < ${at(cutoff)}`;
    case "webhook_deliveries":
      if (scope === null) return null;
      return sql`SELECT x.id FROM webhook_deliveries x JOIN webhooks w ON w.id = x.webhook_id
        WHERE ${inScope(sql`w.workspace_id`, scope)} AND x.created_at < ${at(cutoff)} AND x.status <> ALL(${arr(keep.openDeliveries, "text")})`;
  }
}

/** How many rows of `kind` a pruning with this cutoff would remove now. */
export async function countPrunable(db: Db, kind: Kind, scope: Scope, cutoff: Date, keep: KeepRules): Promise<number> {
  const ids = candidates(kind, scope, cutoff, keep);
  if (!ids || (scope !== null && !scope.length)) return 0;
  const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`SELECT count(*)::int AS n FROM (${ids}) c`));
  return Number(row?.n ?? 0);
}

/** Adds the batch's count to retention_pruned_rows_total{kind}, in the statement that removed it. */
const countPruned = (kind: Kind) => sql`k AS (
  INSERT INTO metric_counters (name, labels, value) SELECT ${RETENTION_PRUNED_COUNTER}::text, ${kind}::text, count(*) FROM d HAVING count(*) > 0
  ON CONFLICT (name, labels) DO UPDATE SET value = metric_counters.value + excluded.value)`;

const addTo = sql`ON CONFLICT (name, labels) DO UPDATE SET value = metric_counters.value + excluded.value`;

/**
 * Removes at most `limit` rows of `kind` (one short statement, so no lock is held for long) and
 * counts them in retention_pruned_rows_total. Removed publish attempts also carry their counts
 * and durations into metric_counters, which /api/metrics adds back: its attempt counters never go
 * down (Prometheus would read a drop as a restart and a burst of attempts).
 */
export async function pruneBatch(db: Db, kind: Kind, scope: Scope, cutoff: Date, keep: KeepRules, limit: number, durationBoundsSeconds: readonly number[]) {
  const ids = candidates(kind, scope, cutoff, keep);
  if (!ids || (scope !== null && !scope.length)) return 0;
  let statement: SQL;
  if (kind === "publish_attempts") {
    const bounds = sql.join([...durationBoundsSeconds.map((b) => sql`(${String(b)}::text, ${b * 1000}::float8)`), sql`('+Inf'::text, NULL::float8)`], sql`, `);
    statement = sql`WITH d AS (
        DELETE FROM publish_attempts a USING schedules s WHERE s.id = a.schedule_id AND a.id IN (${ids} LIMIT ${limit}::int)
        RETURNING s.platform_id AS platform, a.outcome::text AS outcome, a.duration_ms
      ), o AS (
        INSERT INTO metric_counters (name, labels, value)
        SELECT ${PRUNED_ATTEMPTS_COUNTER}::text, json_build_object('platform', platform, 'outcome', outcome)::text, count(*) FROM d GROUP BY platform, outcome ${addTo}
      ), h AS (
        INSERT INTO metric_counters (name, labels, value)
        SELECT ${PRUNED_DURATIONS_COUNTER}::text, json_build_object('platform', d.platform, 'le', b.le)::text, count(*)
        FROM d JOIN (VALUES ${bounds}) AS b(le, ms) ON d.duration_ms IS NOT NULL AND (b.ms IS NULL OR d.duration_ms <= b.ms)
        GROUP BY d.platform, b.le ${addTo}
      ), m AS (
        INSERT INTO metric_counters (name, labels, value)
        SELECT ${PRUNED_DURATIONS_COUNTER}::text, json_build_object('platform', platform, 'le', 'sum_ms')::text, sum(duration_ms) FROM d
        WHERE duration_ms IS NOT NULL GROUP BY platform HAVING sum(duration_ms) > 0 ${addTo}
      ), ${countPruned(kind)}
      SELECT count(*)::int AS n FROM d`;
  } else {
    statement = sql`WITH d AS (
        DELETE FROM ${sql.raw(TABLES[kind])} WHERE id IN (${ids} LIMIT ${limit}::int) RETURNING 1 AS x
      ), ${countPruned(kind)}
      SELECT count(*)::int AS n FROM d`;
  }
  const [row] = rowsOf<{ n: number | string }>(await db.execute(statement));
  return Number(row?.n ?? 0);
}

/** Every workspace with its stored retention settings (unparsed). */
export async function storedRetentionOfAll(db: Db): Promise<{ id: string; retention: unknown }[]> {
  return db.select({ id: workspaces.id, retention: sql<unknown>`${workspaces.settings} -> 'retention'` }).from(workspaces);
}

/** One workspace's stored retention settings (unparsed), locking the row when asked. */
export async function getStoredRetention(db: Db, workspaceId: string, opts: { forUpdate?: boolean } = {}): Promise<unknown> {
  const q = db
    .select({ retention: sql<unknown>`${workspaces.settings} -> 'retention'` })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row?.retention ?? null;
}

/** Replaces only the `retention` key: other parts of the workspace's settings stay as they are. */
export async function setStoredRetention(db: Db, workspaceId: string, retention: unknown) {
  await db
    .update(workspaces)
    .set({ settings: sql`jsonb_set(coalesce(${workspaces.settings}, '{}'::jsonb), '{retention}', ${JSON.stringify(retention)}::jsonb)`, updatedAt: new Date() })
    .where(eq(workspaces.id, workspaceId));
}
