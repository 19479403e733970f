/** The review thread of a content item: replies by parent id, @mentions of members resolved to ids. */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { latestRequest } from "@/db/queries/approvals";
import { getComment, insertComment, listComments } from "@/db/queries/review-comments";
import { listMembers } from "@/db/queries/workspaces";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan, can } from "../auth/permissions";
import { requireContent } from "../content";
import { requirePolicy } from "./policy";
import { isApprover, mentionHandles, resolveMentions } from "./state";

export interface CommentOut {
  id: string;
  parent_id: string | null;
  approval_request_id: string | null;
  author_id: string | null;
  author_name: string | null;
  body: string;
  mentions: { user_id: string; name: string }[];
  created_at: string;
}

type Member = Awaited<ReturnType<typeof listMembers>>[number];

function shape(c: Awaited<ReturnType<typeof listComments>>[number], members: Member[]): CommentOut {
  return {
    id: c.id,
    parent_id: c.parentId,
    approval_request_id: c.approvalRequestId,
    author_id: c.authorId,
    author_name: c.authorName,
    body: c.body,
    mentions: (c.mentions ?? []).map((id) => ({ user_id: id, name: members.find((m) => m.userId === id)?.name ?? "former member" })),
    created_at: c.createdAt.toISOString(),
  };
}

export async function listReviewComments(db: Db, actor: Actor, contentId: string): Promise<CommentOut[]> {
  assertCan(actor.role, "content:read");
  await requireContent(db, actor, contentId);
  const [rows, members] = await Promise.all([listComments(db, contentId), listMembers(db, actor.workspaceId)]);
  return rows.map((c) => shape(c, members));
}

/** Writers and designated approvers may comment; viewers read. */
export async function addReviewComment(db: Db, actor: Actor, contentId: string, input: { body: string; parent_id?: string }) {
  assertCan(actor.role, "content:read");
  return db.transaction(async (tx) => {
    const policy = await requirePolicy(tx, actor.workspaceId);
    if (!can(actor.role, "content:write") && !isApprover(policy, actor)) throw new AppError("forbidden", `the ${actor.role} role may not comment on content`);
    await requireContent(tx, actor, contentId);
    if (input.parent_id && !(await getComment(tx, contentId, input.parent_id))) {
      throw new AppError("bad_request:validation", "parent_id is not a comment on this content", [
        { field: "parent_id", message: "not a comment on this content" },
      ]);
    }
    const members = await listMembers(tx, actor.workspaceId);
    const mentions = resolveMentions(mentionHandles(input.body), members);
    const latest = await latestRequest(tx, contentId);
    const row = await insertComment(tx, {
      contentItemId: contentId,
      approvalRequestId: latest?.id ?? null,
      parentId: input.parent_id ?? null,
      authorId: actor.userId,
      body: input.body,
      mentions,
    });
    await writeAudit(tx, actor, {
      action: "content.comment",
      entityType: "content",
      entityId: contentId,
      after: { comment_id: row.id, parent_id: row.parentId, mentions, length: input.body.length },
    });
    const author = members.find((m) => m.userId === actor.userId);
    return shape({ ...row, authorName: author?.name ?? null }, members);
  });
}
