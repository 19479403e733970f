import { v7 } from "uuid";

/**
 * A new id for a row of a table that grows with every post (a schedule made in the app, whose
 * idempotency key is fixed before the insert). UUID version 7, time-ordered like the database's
 * `uuid_v7()` default (db/schema/time-ordered-id.ts): ids made together sit together in the
 * indexes, so publishing touches recent pages only. Within one millisecond the `uuid` package
 * keeps them increasing.
 */
export function timeOrderedId(): string {
  return v7();
}
