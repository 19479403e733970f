/**
 * The analytics report for a member: the page and its CSV exports both come through here, so
 * they read the same rows with the same permission check.
 */
import type { Db } from "@/db/client";
import { DATASET_IDS, loadDataset, loadReport, type DatasetId, type RawReport, type ReportWindow } from "@/db/queries/analytics-report";
import { platformName } from "@/adapters/registry";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { ReportRange } from "./range";
import { shapeReport, type Report, type Row } from "./report";

const windowOf = (actor: Actor, range: ReportRange): ReportWindow => ({
  workspaceId: actor.workspaceId,
  start: range.start,
  end: range.end,
  segments: range.segments,
});

export async function analyticsReport(db: Db, actor: Actor, range: ReportRange, locale?: string): Promise<Report> {
  assertCan(actor.role, "analytics:read");
  return shapeReport(await loadReport(db, windowOf(actor, range)), range, platformName, locale);
}

/** The rows of one dataset (one query), shaped as in the full report. */
export async function analyticsDataset(db: Db, actor: Actor, range: ReportRange, id: DatasetId): Promise<Row[]> {
  assertCan(actor.role, "analytics:read");
  const raw = Object.fromEntries(DATASET_IDS.map((k) => [k, []])) as unknown as RawReport;
  (raw as unknown as Record<DatasetId, unknown>)[id] = await loadDataset(db, windowOf(actor, range), id);
  return shapeReport(raw, range, platformName).rows[id];
}
