import { and, between, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { rowsOf } from "../client";
import { engagementObservations, platformAccounts } from "../schema";

/**
 * The moments (account, posted_at) already imported for these accounts between `from` and `to`:
 * what a re-import of the same history would update rather than add.
 */
export async function importedMoments(db: Db, workspaceId: string, accountIds: string[], from: Date, to: Date) {
  if (!accountIds.length) return [];
  return db
    .select({ platformAccountId: engagementObservations.platformAccountId, postedAt: engagementObservations.postedAt })
    .from(engagementObservations)
    .where(
      and(
        eq(engagementObservations.workspaceId, workspaceId),
        eq(engagementObservations.source, "imported"),
        inArray(engagementObservations.platformAccountId, accountIds),
        between(engagementObservations.postedAt, from, to),
      ),
    );
}

/**
 * Holds the workspace's accounts among `ids` against deletion until the transaction ends (FOR
 * SHARE); answers the ids still there.
 */
export async function holdAccounts(db: Db, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: platformAccounts.id })
    .from(platformAccounts)
    .where(and(eq(platformAccounts.workspaceId, workspaceId), inArray(platformAccounts.id, ids)))
    .for("share");
  return new Set(rows.map((r) => r.id));
}

/** One imported post's observation, as engagement_observations stores it (source "imported"). */
export interface ImportedObservation {
  workspace_id: string;
  platform_account_id: string;
  posted_at: string;
  timezone: string;
  weekday: number;
  minute_of_day: number;
  content_type: string;
  impressions: number | null;
  reach: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  clicks: number | null;
  engagement_rate: number | null;
  rate_basis: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS =
  "workspace_id uuid, platform_account_id uuid, posted_at timestamptz, timezone text, weekday smallint, minute_of_day smallint, content_type text, " +
  "impressions integer, reach integer, likes integer, comments integer, shares integer, clicks integer, engagement_rate double precision, " +
  "rate_basis text, created_by uuid, created_at timestamptz, updated_at timestamptz";
const NAMES = COLUMNS.split(", ").map((c) => c.split(" ")[0]!);
/** What a re-import replaces: everything but the row's identity and who first imported it, when. */
const REPLACED = NAMES.filter((n) => !["workspace_id", "platform_account_id", "posted_at", "created_by", "created_at"].includes(n));

/**
 * Inserts imported observations; a row for an account and moment imported before
 * (engagement_observations_imported_idx) gets the new figures, slot and type instead, keeping who
 * first imported it and when. The rows travel as one JSON parameter (a statement of thousands of
 * rows, the same on both drivers). Answers, per row written, its account and whether it was new.
 */
export async function upsertImportedObservations(db: Db, rows: ImportedObservation[]): Promise<{ platformAccountId: string; inserted: boolean }[]> {
  if (!rows.length) return [];
  const result = await db.execute(sql`
    INSERT INTO engagement_observations (source, ${sql.raw(NAMES.join(", "))})
    SELECT 'imported', ${sql.raw(NAMES.map((n) => `x.${n}`).join(", "))}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(${sql.raw(COLUMNS)})
    ON CONFLICT (platform_account_id, posted_at) WHERE source = 'imported'
    DO UPDATE SET ${sql.raw(REPLACED.map((n) => `${n} = excluded.${n}`).join(", "))}
    RETURNING platform_account_id, (xmax = 0) AS inserted`);
  // A row the statement inserted has no deleting transaction; one it updated has this one's.
  return rowsOf<{ platform_account_id: string; inserted: boolean }>(result).map((r) => ({ platformAccountId: r.platform_account_id, inserted: r.inserted }));
}
