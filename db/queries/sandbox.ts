import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { platformAccounts, sandboxPosts } from "@/db/schema";

const columns = {
  id: sandboxPosts.id,
  text: sandboxPosts.text,
  payload: sandboxPosts.payload,
  replyToId: sandboxPosts.replyToId,
  createdAt: sandboxPosts.createdAt,
  likes: sandboxPosts.likes,
  accountId: sandboxPosts.platformAccountId,
};

/** A post the sandbox published on an account of this workspace, with its account's name. */
export async function getSandboxPostRow(db: Db, workspaceId: string, id: string) {
  const [post] = await db
    .select({ ...columns, accountName: platformAccounts.name })
    .from(sandboxPosts)
    .innerJoin(platformAccounts, eq(platformAccounts.id, sandboxPosts.platformAccountId))
    .where(and(eq(sandboxPosts.id, id), eq(platformAccounts.workspaceId, workspaceId)))
    .limit(1);
  return post ?? null;
}

/** The posts on the same account that reply to any of `parents`, oldest first. */
export async function sandboxRepliesTo(db: Db, accountId: string, parents: string[], limit: number) {
  return db
    .select(columns)
    .from(sandboxPosts)
    .where(and(inArray(sandboxPosts.replyToId, parents), eq(sandboxPosts.platformAccountId, accountId)))
    .orderBy(asc(sandboxPosts.createdAt))
    .limit(limit);
}
