/**
 * The approval state machine, free of the database: what state a content item is in, who may
 * decide, what an edit does, and the line diff reviewers see. The workflow module applies it.
 *
 *   draft ──submit──▶ in_review ──approve──▶ approved ──edit──▶ in_review (or kept, for a minor edit)
 *                         │  ├──request changes──▶ changes_requested ──edit / submit──▶ in_review
 *                         │  └──reject──▶ rejected ──submit──▶ in_review
 *
 * An approval counts only for the content version it was given for.
 */
export type ApprovalState = "draft" | "in_review" | "approved" | "changes_requested" | "rejected" | "outdated";
export type RequestStatus = "pending" | "approved" | "changes_requested" | "rejected" | "withdrawn";
export type Decision = "approve" | "request_changes" | "reject";

export interface LatestRequest {
  status: RequestStatus;
  contentVersion: number;
}

/** The item's state from its latest request. "outdated": approved, but for an earlier version. */
export function approvalState(latest: LatestRequest | null, currentVersion: number): ApprovalState {
  if (!latest || latest.status === "withdrawn") return "draft";
  if (latest.status === "pending") return "in_review";
  if (latest.status === "approved") return latest.contentVersion === currentVersion ? "approved" : "outdated";
  return latest.status;
}

export const DECISION_STATUS: Record<Decision, RequestStatus> = { approve: "approved", request_changes: "changes_requested", reject: "rejected" };

/** Whether a submit is allowed from this state; the reason when not. */
export function canSubmit(state: ApprovalState): { ok: true } | { ok: false; reason: string } {
  if (state === "in_review") return { ok: false, reason: "This content is already waiting for review." };
  if (state === "approved") return { ok: false, reason: "This version is already approved." };
  return { ok: true };
}

/**
 * Whether the policy covers a change made under this role. `system` (CSV import, later feeds) is
 * covered by both policies: a change no person with approval rights read must not go out unread.
 * `null` is an author who left the workspace: covered, as nobody can vouch for them.
 */
export function roleCovered(policy: string, role: string | null): boolean {
  if (policy === "required_for_all") return true;
  if (policy === "required_for_editors") return role !== "admin";
  return false;
}

/**
 * Approval is needed when any change since the last approval was made under a covered role. The
 * engine's hold, the approval queue, the calendar marker and the edit rule all ask this.
 */
export function needsApproval(policy: string, rolesSinceApproval: readonly (string | null)[]): boolean {
  return rolesSinceApproval.some((r) => roleCovered(policy, r));
}

export interface Policy {
  approvalPolicy: string;
  fourEyes: boolean;
  approverIds: string[];
}

export interface Decider {
  userId: string | null;
  role: string;
}

/**
 * Who may approve, request changes or reject: the designated approvers when the workspace names
 * some, otherwise its admins. With four eyes on, never the author or the person who submitted.
 */
export function decisionRefusal(policy: Policy, who: Decider, item: { authorId: string | null; requestedBy: string | null }): string | null {
  const designated = policy.approverIds.length > 0;
  const isApprover = designated ? !!who.userId && policy.approverIds.includes(who.userId) : who.role === "admin";
  if (!isApprover)
    return designated ? "Only the workspace's designated approvers may decide on content." : "Only admins may decide on content in this workspace.";
  if (policy.fourEyes && who.userId && (who.userId === item.authorId || who.userId === item.requestedBy)) {
    return "Four-eyes rule: somebody other than the author must review this content.";
  }
  return null;
}

export function isApprover(policy: Policy, who: Decider): boolean {
  return policy.approverIds.length > 0 ? !!who.userId && policy.approverIds.includes(who.userId) : who.role === "admin";
}

/** Characters changed between two texts: the edit distance, capped so long texts stay cheap. */
export function changedChars(a: string, b: string, cap = 200): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if (Math.abs(x.length - y.length) >= cap) return cap;
  if (x.length * y.length > 250_000) return cap;
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return Math.min(prev[y.length]!, cap);
}

export interface Snapshot {
  title: string;
  content: string;
  variants: Record<string, string>;
  /**
   * Everything else that goes out (media and their alt texts, tags, type, per-platform options),
   * as one stable string. Absent in snapshots taken before it was recorded.
   */
  other?: string;
}

/** A change to anything but the texts is never a minor edit. Old snapshots compare on texts alone. */
export function otherChanged(a: Snapshot, b: Snapshot): boolean {
  return a.other !== undefined && b.other !== undefined && a.other !== b.other;
}

/** Characters changed across title, body and every variant text. */
export function snapshotDistance(a: Snapshot, b: Snapshot): number {
  // Hand-made rows may hold an empty snapshot: missing texts count as empty.
  let total = changedChars(a.title ?? "", b.title ?? "") + changedChars(a.content ?? "", b.content ?? "");
  const av = a.variants ?? {};
  const bv = b.variants ?? {};
  for (const p of new Set([...Object.keys(av), ...Object.keys(bv)])) total += changedChars(av[p] ?? "", bv[p] ?? "");
  return total;
}

/**
 * What an edit of approved content does. A workspace may keep the approval for edits of at most
 * `minorEditChars` changed characters (0: never) — never silently: the caller records it.
 */
export function editOutcome(state: ApprovalState, distance: number, minorEditChars: number): "none" | "resubmit" | "keep_approval" | "refresh_review" {
  if (state === "in_review") return "refresh_review";
  // Outdated: approved, then changed under a role the policy did not cover; a covered change now
  // is judged against the approved version like any edit of approved content.
  if (state === "approved" || state === "outdated") return minorEditChars > 0 && distance > 0 && distance <= minorEditChars ? "keep_approval" : "resubmit";
  if (state === "changes_requested") return "resubmit";
  return "none";
}

export interface DiffLine {
  op: "same" | "add" | "del";
  text: string;
}

/** A line diff (longest common subsequence); enough for posts of a few hundred lines. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: a[i++]! });
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: "del", text: a[i++]! });
    else out.push({ op: "add", text: b[j++]! });
  }
  while (i < n) out.push({ op: "del", text: a[i++]! });
  while (j < m) out.push({ op: "add", text: b[j++]! });
  return out;
}

/** `@name` handles in a comment: letters, digits, dots, dashes, underscores, and `@` for emails. */
export function mentionHandles(body: string): string[] {
  const found = new Set<string>();
  for (const m of body.matchAll(/(^|[^\w@.])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)/g)) found.add(m[2]!.replace(/\.+$/, "").toLowerCase());
  return [...found];
}

/** Member ids a handle names: the full email, the email's local part, or the name without spaces. */
export function resolveMentions(handles: string[], members: { userId: string; email: string; name: string }[]): string[] {
  const ids = new Set<string>();
  for (const h of handles) {
    for (const m of members) {
      const email = m.email.toLowerCase();
      if (h === email || h === email.split("@")[0] || h === m.name.toLowerCase().replace(/\s+/g, "")) ids.add(m.userId);
    }
  }
  return [...ids];
}
