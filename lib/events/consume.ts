/**
 * Consumers of the event log (publishing_events): in-app/email notifications and outgoing
 * webhooks each read it through `consumeEvents`. A batch is handled in one transaction that locks
 * its events and records them as handled by this consumer, so two runners never hand the same
 * event out twice, an event committed late (its id lower than one already handled) is still
 * picked up, and a crash mid-batch leaves the batch to the next tick.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import type { EventType, PublishingEvent } from "../publishing/events";

export type EventHandler = (tx: Db, events: PublishingEvent[]) => Promise<void>;

/**
 * Hands this consumer's unhandled events (oldest first, at most `limit`) to `handle`, inside the
 * transaction that marks them handled. Events are kept 24 h (pruneEvents), so a consumer that was
 * down for longer misses what was pruned. Returns how many events were handled.
 */
export async function consumeEvents(db: Db, consumer: string, handle: EventHandler, limit = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = rowsOf<{ id: number | string; workspace_id: string; type: string; data: Record<string, unknown>; created_at: string | Date }>(
      await tx.execute(sql`
        select e.id, e.workspace_id, e.type, e.data, e.created_at from publishing_events e
        where not exists (select 1 from event_consumptions c where c.consumer = ${consumer} and c.event_id = e.id)
        order by e.id
        limit ${limit}
        for update of e skip locked`),
    );
    if (!rows.length) return 0;
    const events: PublishingEvent[] = rows.map((r) => ({ id: Number(r.id), workspaceId: r.workspace_id, type: r.type as EventType, data: r.data, createdAt: new Date(r.created_at).toISOString() }));
    await handle(tx as unknown as Db, events);
    await tx.execute(sql`insert into event_consumptions (consumer, event_id) select ${consumer}, unnest(${`{${events.map((e) => e.id).join(",")}}`}::bigint[]) on conflict do nothing`);
    return events.length;
  });
}
