import { and, asc, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { contentItems, contentVariants, schedules, users } from "../schema";
import { contentColumns } from "./content";
import { contentJson } from "./content-json";

export interface ContentFilter {
  status?: string;
  authorId?: string;
  platform?: string;
  tags?: string[];
  from?: Date;
  to?: Date;
  q?: string;
  sort: string;
  limit: number;
  offset: number;
}

/** Words of a search as a prefix query: `launch we` finds "launch week". */
function searchQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length
    ? words
        .slice(0, 8)
        .map((w) => `${w}:*`)
        .join(" & ")
    : null;
}

const SORTS: Record<string, SQL> = {
  created_at: asc(contentItems.createdAt),
  "-created_at": desc(contentItems.createdAt),
  scheduled_for: sql`${contentItems.scheduledFor} asc nulls last`,
  "-scheduled_for": sql`${contentItems.scheduledFor} desc nulls last`,
  title: asc(contentItems.title),
  "-title": desc(contentItems.title),
  updated_at: asc(contentItems.updatedAt),
  "-updated_at": desc(contentItems.updatedAt),
};

/** The list's order: the chosen sort (newest first by default), then the id, so pages never overlap. */
const orderOf = (f: ContentFilter) => [SORTS[f.sort] ?? desc(contentItems.createdAt), desc(contentItems.id)];

function whereOf(workspaceId: string, f: ContentFilter): SQL | undefined {
  const where: SQL[] = [eq(contentItems.workspaceId, workspaceId)];
  if (f.status) where.push(sql`${contentItems.status} = ${f.status}`);
  if (f.authorId) where.push(eq(contentItems.authorId, f.authorId));
  if (f.tags?.length)
    where.push(
      sql`${contentItems.tags} && ${sql`array[${sql.join(
        f.tags.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`}`,
    );
  if (f.from) where.push(gte(contentItems.scheduledFor, f.from));
  if (f.to) where.push(lte(contentItems.scheduledFor, f.to));
  if (f.platform) {
    where.push(
      sql`(${contentItems.platformConfigs} ? ${f.platform} or exists (select 1 from ${schedules} where ${schedules.contentItemId} = ${contentItems.id} and ${schedules.platformId} = ${f.platform}) or exists (select 1 from ${contentVariants} where ${contentVariants.contentItemId} = ${contentItems.id} and ${contentVariants.platform} = ${f.platform}))`,
    );
  }
  const tsq = f.q ? searchQuery(f.q) : null;
  if (f.q && !tsq) where.push(sql`false`);
  if (tsq)
    where.push(sql`to_tsvector('simple', coalesce(${contentItems.title}, '') || ' ' || coalesce(${contentItems.content}, '')) @@ to_tsquery('simple', ${tsq})`);
  return and(...where);
}

// The list's statements run prepared (see executePrepared in db/client.ts): each set of filters
// given is one fixed form of the text.
const countOf = async (db: Db, cond: SQL | undefined) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(contentItems).where(cond).prepare("content_count").execute())[0]?.n ?? 0;

/** A page of a workspace's content, filtered and sorted, with the number of items on all pages. */
export async function listContentRows(db: Db, workspaceId: string, f: ContentFilter) {
  const cond = whereOf(workspaceId, f);
  const [items, total] = await Promise.all([
    db
      .select({ ...contentColumns, authorName: users.name })
      .from(contentItems)
      .leftJoin(users, eq(users.id, contentItems.authorId))
      .where(cond)
      .orderBy(...orderOf(f))
      .limit(f.limit)
      .offset(f.offset),
    countOf(db, cond),
  ]);
  return { items, total };
}

/**
 * The same page as listContentRows, its items already written as the API's JSON array by Postgres
 * (contentJson): no row becomes an object here, and nothing is serialised again.
 */
export async function listContentJson(db: Db, workspaceId: string, f: ContentFilter): Promise<{ items: string; total: number }> {
  const cond = whereOf(workspaceId, f);
  const order = orderOf(f);
  const page = db
    .select({ j: contentJson.as("j"), n: sql<number>`row_number() over (order by ${sql.join(order, sql`, `)})`.as("n") })
    .from(contentItems)
    .leftJoin(users, eq(users.id, contentItems.authorId))
    .where(cond)
    .orderBy(...order)
    .limit(f.limit)
    .offset(f.offset)
    .as("page");
  const [[row], total] = await Promise.all([
    db
      .select({ items: sql<string>`coalesce(json_agg(${page.j} order by ${page.n}), '[]')::text` })
      .from(page)
      .prepare("content_page")
      .execute(),
    countOf(db, cond),
  ]);
  return { items: row?.items ?? "[]", total };
}
