import os from "node:os";
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runnerHeartbeats } from "@/db/schema";
import { log } from "@/lib/log";
import type { RunnerStatus } from "@/lib/health";

export type { RunnerStatus };

/** What a runner does: a tick every interval (returns rows claimed) and a clean stop. */
export interface RunnerWork {
  tick: () => Promise<number>;
  stop: () => Promise<void>;
}

export interface LocalRunnerOptions {
  intervalMs?: number;
  /** "trigger": this loop only keeps Trigger.dev runs in step; the publishing happens there. */
  driver?: "local" | "trigger";
  /** Builds the work once the runner id is known; the publishing engine plugs in here. */
  work?: (ctx: { db: Db; runnerId: string }) => RunnerWork;
}

/**
 * The embedded job runner: a loop in this process that beats a heartbeat row every interval and
 * runs the tick. One runner per process; several processes may run one each against Postgres.
 */
export class LocalRunner {
  readonly runnerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private startedAt: Date | null = null;
  private lastBeatAt: Date | null = null;
  private ticks = 0;
  private claimed = 0;
  private work: RunnerWork | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: LocalRunnerOptions = {},
  ) {}

  async start() {
    if (this.timer) return;
    this.work = this.opts.work?.({ db: this.db, runnerId: this.runnerId }) ?? null;
    this.startedAt = new Date();
    await this.db
      .insert(runnerHeartbeats)
      .values({
        runnerId: this.runnerId,
        driver: this.opts.driver ?? "local",
        host: os.hostname(),
        pid: process.pid,
        startedAt: this.startedAt,
        lastBeatAt: this.startedAt,
      })
      .onConflictDoNothing();
    // The first tick runs in the background: start-up (and the server's first request) never
    // waits for a sweep of missed posts or a claim.
    this.running = this.beat().finally(() => (this.running = null));
    const every = this.opts.intervalMs ?? 1000;
    this.timer = setInterval(() => {
      if (this.running) return; // a slow tick is never overlapped by the next one
      this.running = this.beat().finally(() => (this.running = null));
    }, every);
    this.timer.unref();
    log.info("job runner started", { runnerId: this.runnerId, intervalMs: every });
  }

  private async beat() {
    try {
      if (this.work) this.claimed += await this.work.tick();
      this.ticks++;
      this.lastBeatAt = new Date();
      await this.db
        .update(runnerHeartbeats)
        .set({ lastBeatAt: this.lastBeatAt, claimedTotal: this.claimed })
        .where(eq(runnerHeartbeats.runnerId, this.runnerId));
    } catch (err) {
      log.error("job runner tick failed", { runnerId: this.runnerId, err });
    }
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.work?.stop().catch((err) => log.error("job runner stop failed", { runnerId: this.runnerId, err }));
    await this.db
      .delete(runnerHeartbeats)
      .where(eq(runnerHeartbeats.runnerId, this.runnerId))
      .catch(() => {});
  }

  status(): RunnerStatus {
    return {
      driver: this.opts.driver ?? "local",
      runnerId: this.runnerId,
      state: this.timer ? "running" : "stopped",
      startedAt: this.startedAt?.toISOString() ?? null,
      lastBeatAt: this.lastBeatAt?.toISOString() ?? null,
      ticks: this.ticks,
    };
  }
}

/** Runners whose heartbeat is recent, from any process sharing the database. */
export async function liveRunners(db: Db, withinSeconds = 30) {
  return db
    .select({ runnerId: runnerHeartbeats.runnerId, driver: runnerHeartbeats.driver, lastBeatAt: runnerHeartbeats.lastBeatAt })
    .from(runnerHeartbeats)
    .where(sql`${runnerHeartbeats.lastBeatAt} > now() - make_interval(secs => ${withinSeconds})`);
}

/** Forgets runners silent for a day (a process killed without a clean stop leaves its row). */
export async function pruneHeartbeats(db: Db, olderThanHours = 24): Promise<number> {
  const gone = await db
    .delete(runnerHeartbeats)
    .where(sql`${runnerHeartbeats.lastBeatAt} < now() - make_interval(hours => ${olderThanHours})`)
    .returning({ id: runnerHeartbeats.runnerId });
  return gone.length;
}
