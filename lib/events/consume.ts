/**
 * Consumers of the event log (publishing_events): in-app/email notifications and outgoing
 * webhooks each read it through `consumeEvents`. A batch is handled in one transaction that locks
 * its events and records them as handled by this consumer, so two runners never hand the same
 * event out twice, an event committed late (its id lower than one already handled) is still
 * picked up (at the latest by the next full pass, every five minutes), and a crash mid-batch
 * leaves the batch to the next tick.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import type { EventType, PublishingEvent } from "@/db/queries/events";

export type EventHandler = (tx: Db, events: PublishingEvent[]) => Promise<void>;

/**
 * Hands this consumer's unhandled events (oldest first, at most `limit`) to `handle`, inside the
 * transaction that marks them handled. The retention pruning keeps an event until every consumer
 * has handled it (lib/retention/prune.ts; 30 days at most). Returns how many events were handled.
 */
export async function consumeEvents(db: Db, consumer: string, handle: EventHandler, limit = 200): Promise<number> {
  // Every tick looks only at the last few minutes of events (the anti-join would otherwise walk the
  // whole day's log every second); a full pass now and then picks up anything committed later.
  const full = Date.now() - (lastFullPass.get(consumer) ?? 0) >= FULL_PASS_MS;
  const recent = full ? sql`true` : sql`e.created_at > now() - make_interval(mins => ${RECENT_MINUTES})`;
  const handled = await db.transaction(async (tx) => {
    const rows = rowsOf<{ id: number | string; workspace_id: string; type: string; data: Record<string, unknown>; created_at: string | Date }>(
      await tx.execute(sql`
        select e.id, e.workspace_id, e.type, e.data, e.created_at from publishing_events e
        where ${recent} and not exists (select 1 from event_consumptions c where c.consumer = ${consumer} and c.event_id = e.id)
        order by e.id
        limit ${limit}
        for update of e skip locked`),
    );
    if (!rows.length) return 0;
    // The scan judged "not handled" by its own snapshot: a row another runner had locked, handled
    // and released (by committing) while this scan waited is taken here too, and the lock is no
    // recheck of the subquery. A new statement sees what committed; what it finds was handled.
    const done = new Set(
      rowsOf<{ event_id: number | string }>(
        await tx.execute(
          sql`select event_id from event_consumptions where consumer = ${consumer} and event_id = any(${`{${rows.map((r) => r.id).join(",")}}`}::bigint[])`,
        ),
      ).map((r) => Number(r.event_id)),
    );
    const fresh = rows.filter((r) => !done.has(Number(r.id)));
    if (!fresh.length) return rows.length; // all taken meanwhile: the caller goes on to the next batch
    const events: PublishingEvent[] = fresh.map((r) => ({
      id: Number(r.id),
      workspaceId: r.workspace_id,
      type: r.type as EventType,
      data: r.data,
      createdAt: new Date(r.created_at).toISOString(),
    }));
    await handle(tx as unknown as Db, events);
    await tx.execute(
      sql`insert into event_consumptions (consumer, event_id) select ${consumer}, unnest(${`{${events.map((e) => e.id).join(",")}}`}::bigint[]) on conflict do nothing`,
    );
    return events.length;
  });
  // A full pass counts once it found nothing more to do.
  if (full && handled < limit) lastFullPass.set(consumer, Date.now());
  return handled;
}

/** Events of the last minutes every tick; the whole log (a day by default) every few minutes. */
const RECENT_MINUTES = 10;
const FULL_PASS_MS = 5 * 60_000;
const lastFullPass = new Map<string, number>();
