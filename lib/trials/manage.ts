/**
 * A/B trials of posting times: editors and admins start and stop them, everyone reads them.
 * A trial runs on one account or on every account of a platform; an account is in one running
 * trial at most. See assign.ts for how posts are dealt to arms, results.ts for the statistics,
 * evaluate.ts for completion, adopt.ts for taking an arm's times as the account's queue times.
 */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getAccounts, listAccounts } from "@/db/queries/accounts";
import { lockWorkspace } from "@/db/queries/workspaces";
import { accountsOfTrial, getTrialRow, insertTrialRow, listTrialRows, runningTrialsCovering, type TrialRow } from "@/db/queries/trials";
import { platformName } from "@/adapters/registry";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { resolveTimezone } from "../scheduling/resolve";
import type { TrialCreateInput } from "../validation/trials";
import { armKey, type Arm } from "./arms";
import { endTrial, liveResults, resultsOf, settleTrial } from "./evaluate";
import type { TrialResults } from "./results";

export interface TrialView {
  trial: TrialRow;
  accounts: { id: string; name: string; platform: string }[];
  results: TrialResults;
}

/** A trial with the accounts it runs on now and its results (settled first: see evaluate.ts). */
export async function viewTrial(db: Db, row: TrialRow, now: Date): Promise<TrialView> {
  const trial = await settleTrial(db, row, now);
  const [accounts, results] = await Promise.all([accountsOfTrial(db, trial), resultsOf(db, trial, now)]);
  return { trial, accounts: accounts.map((a) => ({ id: a.id, name: a.name, platform: a.platform })), results };
}

export async function listTrials(db: Db, actor: Actor, now = new Date()): Promise<TrialView[]> {
  assertCan(actor.role, "analytics:read");
  const rows = await listTrialRows(db, actor.workspaceId);
  const out: TrialView[] = [];
  for (const row of rows) out.push(await viewTrial(db, row, now));
  return out;
}

export async function requireTrial(db: Db, actor: Actor, id: string): Promise<TrialRow> {
  const row = await getTrialRow(db, actor.workspaceId, id);
  if (!row) throw notFound("trial");
  return row;
}

export async function getTrial(db: Db, actor: Actor, id: string, now = new Date()): Promise<TrialView> {
  assertCan(actor.role, "analytics:read");
  return viewTrial(db, await requireTrial(db, actor, id), now);
}

const badRequest = (field: string, message: string) => new AppError("bad_request:validation", `${field}: ${message}`, [{ field, message }]);

export async function createTrial(db: Db, actor: Actor, input: TrialCreateInput, now = new Date()): Promise<TrialView> {
  assertCan(actor.role, "schedules:write");
  const timezone = await resolveTimezone(db, actor, input.timezone);
  const stopAt = input.stop_at ? new Date(input.stop_at) : null;
  if (stopAt && stopAt.getTime() <= now.getTime()) throw badRequest("stop_at", "the end date must be in the future");
  const accounts = input.platform_account_id
    ? await getAccounts(db, actor.workspaceId, [input.platform_account_id])
    : (await listAccounts(db, actor.workspaceId)).filter((a) => a.platform === input.platform_id);
  if (input.platform_account_id && !accounts.length) throw notFound("platform_account");
  if (!accounts.length) throw badRequest("platform_id", `the workspace has no ${platformName(input.platform_id!)} account`);
  const arms: Arm[] = input.arms.map((a, i) => ({ key: a.key ?? armKey(i), name: a.name, strategy: a.strategy, ...(a.slots ? { slots: a.slots } : {}) }));

  const row = await db.transaction(async (tx) => {
    // One creation at a time per workspace: two trials for the same account cannot both pass the check.
    await lockWorkspace(tx, actor.workspaceId);
    for (const t of await runningTrialsCovering(tx, actor.workspaceId, accounts, { lock: true })) {
      // A trial whose stop rule is met is completed now rather than blocking the new one.
      if ((await settleTrial(tx, t, now, { locked: true })).status !== "running") continue;
      const clash = accounts.find((a) => t.platformAccountId === a.id || t.platformId === a.platform)!;
      throw new AppError(
        "conflict:trial_running",
        `“${clash.name}” is already in the running trial “${t.name}”. An account runs one trial at a time: stop that one first, or wait until it ends.`,
        [{ trial_id: t.id, platform_account_id: clash.id }],
      );
    }
    const made = await insertTrialRow(tx, {
      workspaceId: actor.workspaceId,
      name: input.name,
      hypothesis: input.hypothesis || null,
      platformAccountId: input.platform_account_id ?? null,
      platformId: input.platform_account_id ? null : input.platform_id!,
      metric: input.metric,
      allocation: input.allocation,
      arms,
      timezone,
      stopPostsPerArm: input.stop_posts_per_arm ?? null,
      stopAt,
      createdBy: actor.userId,
    });
    await writeAudit(tx, actor, {
      action: "trial.create",
      entityType: "trial",
      entityId: made.id,
      after: {
        name: made.name,
        target: made.platformAccountId ?? made.platformId,
        arms,
        allocation: made.allocation,
        metric: made.metric,
        stop_posts_per_arm: made.stopPostsPerArm,
        stop_at: made.stopAt,
        timezone,
      },
    });
    return made;
  });
  return viewTrial(db, row, now);
}

/** Ends a running trial by hand; its results are kept as they stand (a verdict only if its stop rule was met). */
export async function stopTrial(db: Db, actor: Actor, id: string, now = new Date()): Promise<TrialView> {
  assertCan(actor.role, "schedules:write");
  const row = await db.transaction(async (tx) => {
    const held = await getTrialRow(tx, actor.workspaceId, id, { lock: true });
    if (!held) throw notFound("trial");
    if (held.status !== "running")
      throw new AppError("conflict:trial_ended", `The trial “${held.name}” has already ${held.status === "stopped" ? "been stopped" : "completed"}.`);
    // A trial whose stop rule is already met has completed: it ends as completed, with its verdict.
    const results = await liveResults(tx, held, now);
    return endTrial(tx, held, results.stop.met ? "completed" : "stopped", results, now, results.stop.met ? null : actor);
  });
  return viewTrial(db, row, now);
}
