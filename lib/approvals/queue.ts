/**
 * The read-only approval queue: what the publishing engine's approval gate holds now, and what it
 * will hold when it falls due. Approving is the team workflow's job; this only shows the state.
 */
import type { Db } from "@/db/client";
import { approvalCandidateRows } from "@/db/queries/approvals";
import { rolesSinceApproval } from "@/db/queries/content-versions";
import { getWorkspace } from "@/db/queries/workspaces";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { needsApproval } from "./state";

export interface QueueSchedule {
  id: string;
  held: boolean;
  scheduledTime: Date;
  platformId: string;
  accountName: string;
  reason: string | null;
}

export interface QueueItem {
  contentId: string;
  title: string;
  version: number;
  authorName: string | null;
  schedules: QueueSchedule[];
}

/** The gate's candidates, each with whether the engine's approval gate would stop it today. */
async function candidates(db: Db, workspaceId: string) {
  const [ws, rows] = await Promise.all([getWorkspace(db, workspaceId), approvalCandidateRows(db, workspaceId)]);
  const policy = ws?.approvalPolicy ?? "off";
  const roles = await rolesSinceApproval(db, [...new Set(rows.map((r) => r.contentId))]);
  return { policy, rows: rows.map((r) => ({ ...r, gated: needsApproval(policy, roles.get(r.contentId) ?? []) })) };
}

export async function approvalQueue(db: Db, actor: Actor): Promise<{ policy: string; held: QueueItem[]; upcoming: QueueItem[] }> {
  assertCan(actor.role, "content:read");
  const { policy, rows } = await candidates(db, actor.workspaceId);
  const held = new Map<string, QueueItem>();
  const upcoming = new Map<string, QueueItem>();
  for (const r of rows) {
    const isHeld = r.publishStatus === "paused";
    // A pending schedule is only listed when the gate would stop it today.
    if (!isHeld && !r.gated) continue;
    const into = isHeld ? held : upcoming;
    const item = into.get(r.contentId) ?? { contentId: r.contentId, title: r.title, version: r.version, authorName: r.authorName, schedules: [] };
    item.schedules.push({
      id: r.scheduleId,
      held: isHeld,
      scheduledTime: r.scheduledTime,
      platformId: r.platformId,
      accountName: r.accountName,
      reason: isHeld ? r.errorMessage : null,
    });
    into.set(r.contentId, item);
  }
  return { policy, held: [...held.values()], upcoming: [...upcoming.values()] };
}

/** Schedules the approval gate holds now or will hold when due (the calendar's "awaiting approval"). */
export async function awaitingApprovalIds(db: Db, workspaceId: string): Promise<Set<string>> {
  const { rows } = await candidates(db, workspaceId);
  return new Set(rows.filter((r) => r.publishStatus === "paused" || r.gated).map((r) => r.scheduleId));
}

/**
 * Which of these schedules (a calendar's window) the approval gate holds now or will hold when
 * due: the same rule as the approval queue, judged for exactly these rows. Held: paused by the
 * gate. Pending: some change since the content's last approval was made under a role the policy
 * covers (a current approval leaves no such change). With the policy off nothing pending is held,
 * and nothing more is read.
 */
export async function awaitingApprovalAmong(
  db: Db,
  workspaceId: string,
  rows: readonly { id: string; content_item_id: string; publish_status: string; error_code: string | null }[],
): Promise<Set<string>> {
  const out = new Set<string>();
  const pending: { id: string; content_item_id: string }[] = [];
  for (const r of rows) {
    if (r.publish_status === "paused" && r.error_code === "awaiting_approval") out.add(r.id);
    else if (r.publish_status === "pending") pending.push(r);
  }
  if (!pending.length) return out;
  const policy = (await getWorkspace(db, workspaceId))?.approvalPolicy ?? "off";
  if (policy === "off") return out;
  const roles = await rolesSinceApproval(db, [...new Set(pending.map((r) => r.content_item_id))]);
  for (const r of pending) if (needsApproval(policy, roles.get(r.content_item_id) ?? [])) out.add(r.id);
  return out;
}
