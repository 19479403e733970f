import { sql } from "drizzle-orm";

/**
 * Default of the ids of the tables that grow with every post (content items, schedules, attempts):
 * a UUID version 7 (RFC 9562), made by `uuid_v7()` (migration 0019; lib/ids.ts makes the same in
 * the app). Its first 48 bits are the Unix time in milliseconds, so ids made together sit together
 * in the primary key and the indexes on these ids: publishing a post touches the few last pages
 * that hold recent posts, not a random page of a table of millions (random version 4 ids did).
 */
export const timeOrderedId = sql`uuid_v7()`;
