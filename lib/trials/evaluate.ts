/**
 * A trial's results read from the database, and its completion. Completion is lazy: a running
 * trial is checked against its stop rule whenever it is read (the list, its page, the API) and
 * whenever a post is about to be queued into it, and is marked completed then, with its results
 * frozen as they stood. No periodic job is needed for that: nothing but a reader or a new post
 * depends on the status, both check it first, and an hour's delay in flipping a status nobody
 * looks at changes nothing (the results themselves are computed the same either way).
 */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getTrialRow, trialPostRows, UNCOUNTED_STATUSES, updateTrialRow, type TrialPostRow, type TrialRow } from "@/db/queries/trials";
import { armsOf } from "./arms";
import { trialResults, type TrialResults } from "./results";

const UNCOUNTED = new Set<string>(UNCOUNTED_STATUSES);

/** The metric of one post's +24 h result: a null rate leaves the post out; clicks count when measured. */
export function metricOf(metric: string, p: Pick<TrialPostRow, "observed" | "engagementRate" | "clicks">): number | null {
  if (!p.observed) return null;
  return metric === "clicks" ? p.clicks : p.engagementRate;
}

export function resultsFromRows(trial: TrialRow, rows: TrialPostRow[], now: Date): TrialResults {
  return trialResults({
    arms: armsOf(trial.arms),
    posts: rows.filter((r) => r.arm).map((r) => ({ arm: r.arm!, counted: !UNCOUNTED.has(r.status), value: metricOf(trial.metric, r) })),
    stopPostsPerArm: trial.stopPostsPerArm,
    stopAt: trial.stopAt,
    now,
  });
}

export async function liveResults(db: Db, trial: TrialRow, now: Date): Promise<TrialResults> {
  return resultsFromRows(trial, await trialPostRows(db, trial.workspaceId, trial.id), now);
}

/** What the trial shows: live results while it runs, those it ended with afterwards. */
export async function resultsOf(db: Db, trial: TrialRow, now: Date): Promise<TrialResults> {
  if (trial.status !== "running" && trial.result) return trial.result as TrialResults;
  return liveResults(db, trial, now);
}

/** Ends a trial held for update: status, frozen results and an audit entry (by `actor`, or the stop rule). */
export async function endTrial(
  tx: Db,
  trial: TrialRow,
  status: "completed" | "stopped",
  results: TrialResults,
  now: Date,
  actor: { userId: string | null; tokenId: string | null; ip?: string | null } | null,
) {
  const row = (await updateTrialRow(tx, trial.workspaceId, trial.id, { status, result: results, endedAt: now }))!;
  await writeAudit(
    tx,
    { workspaceId: trial.workspaceId, userId: actor?.userId ?? null, tokenId: actor?.tokenId ?? null, ip: actor?.ip ?? null },
    {
      action: status === "completed" ? "trial.complete" : "trial.stop",
      entityType: "trial",
      entityId: trial.id,
      before: { status: trial.status },
      after: { status, reason: results.stop.reason, verdict: results.verdict },
    },
  );
  return row;
}

/**
 * Marks a running trial completed when its stop rule is met; answers the trial as it now stands.
 * `locked`: the caller already holds the row for update (queueing does).
 */
export async function settleTrial(db: Db, trial: TrialRow, now: Date, o: { locked?: boolean } = {}): Promise<TrialRow> {
  if (trial.status !== "running") return trial;
  if (o.locked) {
    const results = await liveResults(db, trial, now);
    return results.stop.met ? endTrial(db, trial, "completed", results, now, null) : trial;
  }
  // Cheap check first; the row is locked (and the rule checked again) only to end it.
  if (!(await liveResults(db, trial, now)).stop.met) return trial;
  return db.transaction(async (tx) => {
    const held = await getTrialRow(tx, trial.workspaceId, trial.id, { lock: true });
    if (!held) return trial;
    return settleTrial(tx, held, now, { locked: true });
  });
}
