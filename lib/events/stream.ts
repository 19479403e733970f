/**
 * Live publishing events for the browser (SSE). One LISTEN per process fans NOTIFY payloads out
 * to every open stream of the same workspace; a reconnect with Last-Event-ID first replays what
 * it missed from publishing_events, then goes live without gaps or repeats.
 */
import { getDatabase } from "@/lib/database";
import { log } from "@/lib/log";
import { EVENTS_CHANNEL, eventsSince, parseNotification, type PublishingEvent } from "@/db/queries/events";

type Listener = (e: PublishingEvent) => void;

const KEY = Symbol.for("scheduler.eventHub");
type Database = Awaited<ReturnType<typeof getDatabase>>;
interface Hub {
  listeners: Map<string, Set<Listener>>;
  /** The database the LISTEN is on: a process that opens another one (tests do) listens there instead. */
  database: Database | null;
  ready: Promise<unknown> | null;
}
type G = typeof globalThis & { [KEY]?: Hub };

function hub(): Hub {
  const g = globalThis as G;
  return (g[KEY] ??= { listeners: new Map(), database: null, ready: null });
}

async function ensureListening(h: Hub) {
  const database = await getDatabase();
  if (h.database !== database || !h.ready) {
    h.database = database;
    h.ready = database
      .listen(EVENTS_CHANNEL, (payload) => {
        const e = parseNotification(payload);
        if (!e) return;
        for (const l of h.listeners.get(e.workspaceId) ?? []) l(e);
      })
      .catch((err) => {
        h.ready = null;
        throw err;
      });
  }
  await h.ready;
}

export async function subscribe(workspaceId: string, listener: Listener): Promise<() => void> {
  const h = hub();
  await ensureListening(h);
  let set = h.listeners.get(workspaceId);
  if (!set) h.listeners.set(workspaceId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (!set.size) h.listeners.delete(workspaceId);
  };
}

export function formatEvent(e: PublishingEvent): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ ...e.data, event_id: e.id, created_at: e.createdAt })}\n\n`;
}

export const HEARTBEAT_MS = 15_000;
/** How often a stream on a browser session asks whether the session still holds (tests shorten it). */
export const streamTiming = { sessionCheckMs: 30_000 };

export interface StreamGuard {
  /** False (or a failure) ends the stream: the session ended, or the person left the workspace. */
  mayContinue: () => Promise<boolean>;
  everyMs: number;
}

/**
 * The SSE body for one client: replay after `lastEventId` (if given), then live events. With a
 * `guard`, the stream ends as soon as a periodic check says its session no longer holds.
 */
export function eventStream(workspaceId: string, lastEventId: number | null, signal?: AbortSignal, guard?: StreamGuard): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(enc.encode(text));
        } catch {
          closed = true;
        }
      };
      // Subscribe first and hold live events until the replay is written: nothing falls between.
      let sentUpTo = lastEventId ?? 0;
      let held: PublishingEvent[] | null = [];
      const unsubscribe = await subscribe(workspaceId, (e) => {
        if (held) held.push(e);
        else if (e.id > sentUpTo) {
          sentUpTo = e.id;
          write(formatEvent(e));
        }
      });
      const beat = setInterval(() => write(`: ping\n\n`), HEARTBEAT_MS);
      let checking = false;
      const check = guard
        ? setInterval(async () => {
            if (checking || closed) return;
            checking = true;
            // Fails closed: a check that cannot run ends the stream; the client reconnects and is checked afresh.
            const ok = await guard.mayContinue().catch((err: unknown) => {
              log.warn("event stream session check failed", { err: err instanceof Error ? err.message : String(err) });
              return false;
            });
            checking = false;
            if (!ok) {
              write(`: session ended\n\n`);
              end();
            }
          }, guard.everyMs)
        : null;
      cleanup = () => {
        closed = true;
        clearInterval(beat);
        if (check) clearInterval(check);
        unsubscribe();
      };
      const end = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      signal?.addEventListener("abort", end);
      write(`retry: 3000\n: connected\n\n`);
      try {
        if (lastEventId !== null) {
          const db = (await getDatabase()).db;
          for (;;) {
            const batch = await eventsSince(db, workspaceId, sentUpTo);
            for (const e of batch) write(formatEvent(e));
            if (batch.length) sentUpTo = batch.at(-1)!.id;
            if (batch.length < 500) break;
          }
        }
      } catch (err) {
        log.error("event replay failed", { err });
      }
      const pending = held;
      held = null;
      for (const e of pending.sort((a, b) => a.id - b.id)) {
        if (e.id > sentUpTo) {
          sentUpTo = e.id;
          write(formatEvent(e));
        }
      }
    },
    cancel() {
      cleanup();
    },
  });
}
