/** Review comments on content: a thread per item, replies by parent id, mentions as user ids. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { reviewComments, users } from "../schema";

export async function listComments(db: Db, contentItemId: string) {
  return db
    .select({
      id: reviewComments.id,
      parentId: reviewComments.parentId,
      approvalRequestId: reviewComments.approvalRequestId,
      authorId: reviewComments.authorId,
      // A reviewer without an account (review link) is named as they signed, marked as a guest.
      authorName: sql<string | null>`coalesce(${users.name}, ${reviewComments.externalAuthor} || ' (guest reviewer)')`,
      body: reviewComments.body,
      mentions: reviewComments.mentions,
      createdAt: reviewComments.createdAt,
    })
    .from(reviewComments)
    .leftJoin(users, eq(users.id, reviewComments.authorId))
    .where(eq(reviewComments.contentItemId, contentItemId))
    .orderBy(asc(reviewComments.createdAt), asc(reviewComments.id));
}

export async function getComment(db: Db, contentItemId: string, id: string) {
  const [row] = await db
    .select({ id: reviewComments.id })
    .from(reviewComments)
    .where(and(eq(reviewComments.id, id), eq(reviewComments.contentItemId, contentItemId)))
    .limit(1);
  return row ?? null;
}

export async function insertComment(
  db: Db,
  v: {
    contentItemId: string;
    approvalRequestId: string | null;
    parentId: string | null;
    authorId: string | null;
    externalAuthor?: string | null;
    body: string;
    mentions: string[];
  },
) {
  const [row] = await db.insert(reviewComments).values(v).returning();
  return row!;
}
