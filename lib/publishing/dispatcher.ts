/**
 * The claim loop both the embedded runner and `npm run worker` run: claims what is due up to the
 * concurrency limits, keeps leases alive while it works, recovers dead leases, judges missed
 * schedules. A finished publish pulls the next claim at once, so a burst is not paced by the tick.
 * The posts in flight share their writes: tokens, attempt rows and successes falling close together
 * go to the database as one statement each (writes.ts).
 */
import type { Db } from "@/db/client";
import { claimDue, nextDueAt, reclaimExpired, releaseClaim, renewLeases, type ClaimedRow } from "@/db/queries/publishing";
import { loadJobs, type Job } from "@/db/queries/publishing-job";
import { log } from "../log";
import { processClaim, type EngineDeps, type ProcessResult } from "./engine";
import { sweepMissed } from "./missed";
import { batchedWrites } from "./writes";

export interface DispatcherOptions {
  concurrency: number;
  perAccount: number;
  leaseSeconds: number;
  missedGraceSeconds: number;
  missedWindowMinutes: number;
  /** The runner's tick interval: rows due before the next tick wake the pump at their time. */
  intervalMs?: number;
  /** Called after each processed row (tests and benchmarks count with it). */
  onResult?: (claim: ClaimedRow, result: ProcessResult) => void;
}

/** A claimed row that waited longer than this for a slot is loaded again (content may have changed). */
const FRESH_JOB_MS = 2000;

export class Dispatcher {
  private readonly inFlight = new Map<string, { accountId: string; done: Promise<void> }>();
  /** Posts in flight per account. */
  private readonly accountLoad = new Map<string, number>();
  private readonly deps: EngineDeps;
  private readonly waiting: ClaimedRow[] = [];
  /** Jobs loaded with their claim batch, and when: one that waited long for a slot is read again. */
  private readonly loaded = new Map<string, { job: Job; at: number }>();
  private wake: NodeJS.Timeout | null = null;
  private nextDue: { at: number; value: Date | null } = { at: 0, value: null };
  private pumping: Promise<number> | null = null;
  private pumpAgain = false;
  private lastRenew = 0;
  private stopped = false;
  processed = 0;

  constructor(
    private readonly db: Db,
    deps: EngineDeps,
    private readonly opts: DispatcherOptions,
  ) {
    this.deps = { ...deps, writes: deps.writes ?? batchedWrites(db) };
  }

  private perAccountCount(accountId: string) {
    return this.accountLoad.get(accountId) ?? 0;
  }

  private saturatedAccounts(): string[] {
    const counts = new Map(this.accountLoad);
    for (const w of this.waiting) counts.set(w.platformAccountId, (counts.get(w.platformAccountId) ?? 0) + 1);
    return [...counts].filter(([, n]) => n >= this.opts.perAccount).map(([a]) => a);
  }

  private run(claim: ClaimedRow) {
    const loaded = this.loaded.get(claim.id);
    this.loaded.delete(claim.id);
    const fresh = loaded && Date.now() - loaded.at < FRESH_JOB_MS ? loaded.job : null;
    const done = processClaim(this.db, this.deps, claim, fresh)
      .then((result) => {
        this.processed++;
        this.opts.onResult?.(claim, result);
      })
      .catch((err) => log.error("publishing a schedule failed unexpectedly", { scheduleId: claim.id, err }))
      .finally(() => {
        this.inFlight.delete(claim.id);
        const load = (this.accountLoad.get(claim.platformAccountId) ?? 1) - 1;
        if (load > 0) this.accountLoad.set(claim.platformAccountId, load);
        else this.accountLoad.delete(claim.platformAccountId);
        this.startWaiting();
        // Claim again once a good share of the slots is free (or none is busy): one claim and one
        // batch load for many posts, not for each post that finishes.
        const room = this.opts.concurrency - this.inFlight.size - this.waiting.length;
        if (!this.stopped && (room >= Math.max(1, Math.floor(this.opts.concurrency / 4)) || this.inFlight.size === 0)) void this.pump();
      });
    this.inFlight.set(claim.id, { accountId: claim.platformAccountId, done });
    this.accountLoad.set(claim.platformAccountId, this.perAccountCount(claim.platformAccountId) + 1);
  }

  private startWaiting() {
    for (let i = 0; i < this.waiting.length && this.inFlight.size < this.opts.concurrency; ) {
      const w = this.waiting[i]!;
      if (this.perAccountCount(w.platformAccountId) < this.opts.perAccount) {
        this.waiting.splice(i, 1);
        this.run(w);
      } else i++;
    }
  }

  /** Loads the batch's jobs in a handful of queries, then starts what the limits allow. */
  private async accept(claims: ClaimedRow[]) {
    if (!claims.length) return;
    const jobs = await loadJobs(
      this.db,
      claims.map((c) => c.id),
    );
    const at = Date.now();
    for (const [id, job] of jobs) this.loaded.set(id, { job, at });
    this.waiting.push(...claims);
    this.startWaiting();
  }

  /** Wakes the pump when the next row falls due before the next tick (due→call latency). */
  private async armWake(intervalMs: number) {
    if (this.stopped || this.wake) return;
    // During a burst every finished publish pumps: ask the database at most every 100 ms, or
    // again when the time it gave has passed (those rows may be claimed by now).
    const known = this.nextDue.value;
    if (Date.now() - this.nextDue.at > 100 || (known && known.getTime() <= Date.now() && Date.now() - this.nextDue.at > 10)) {
      this.nextDue = { at: Date.now(), value: await nextDueAt(this.db) };
    }
    const next = this.nextDue.value;
    if (!next || this.wake || this.stopped) return;
    const wait = next.getTime() - Date.now();
    if (wait >= intervalMs) return;
    // Due already but not claimed: there was no room (a finished publish pumps then) or its
    // account is busy; look again shortly rather than at the next tick.
    if (wait <= 0 && this.busy >= this.opts.concurrency) return;
    this.wake = setTimeout(
      () => {
        this.wake = null;
        if (!this.stopped) void this.pump().catch((err) => log.error("publishing pump failed", { err }));
      },
      wait > 0 ? wait + 5 : 50,
    );
    this.wake.unref?.();
  }

  /** Claims as long as there is room and rows keep coming; returns how many were claimed. */
  pump(): Promise<number> {
    if (this.pumping) {
      this.pumpAgain = true; // a slot freed while claiming: look once more when done
      return this.pumping;
    }
    const pumping = (async () => {
      let total = 0;
      try {
        for (;;) {
          this.pumpAgain = false;
          const room = this.opts.concurrency - this.inFlight.size - this.waiting.length;
          if (room <= 0 || this.stopped) {
            if (this.pumpAgain) continue;
            break;
          }
          const claims = await claimDue(this.db, {
            runnerId: this.deps.runnerId,
            limit: room,
            leaseSeconds: this.opts.leaseSeconds,
            excludeAccounts: this.saturatedAccounts(),
          });
          total += claims.length;
          await this.accept(claims);
          if (claims.length < room && !this.pumpAgain) break;
        }
      } finally {
        // Keep the wake-up chain going whoever pumped (tick, wake-up or a finished publish).
        if (this.opts.intervalMs && !this.stopped) void this.armWake(this.opts.intervalMs).catch((err) => log.error("publishing wake-up failed", { err }));
      }
      return total;
    })();
    // Cleared only once assigned: a pump that finds no room ends before its first await, and a
    // finally inside it would run before this assignment, leaving a settled promise for good.
    this.pumping = pumping;
    void pumping.finally(() => {
      if (this.pumping === pumping) this.pumping = null;
    });
    return this.pumping;
  }

  /** One tick: renew leases, recover dead ones, judge missed rows, claim. */
  async tick(): Promise<number> {
    if (this.stopped) return 0;
    const mine = [...this.inFlight.keys(), ...this.waiting.map((w) => w.id)];
    if (mine.length && Date.now() - this.lastRenew > (this.opts.leaseSeconds * 1000) / 3) {
      this.lastRenew = Date.now();
      await renewLeases(this.db, this.deps.runnerId, mine, this.opts.leaseSeconds);
    }
    const room = this.opts.concurrency - this.inFlight.size - this.waiting.length;
    if (room > 0) await this.accept(await reclaimExpired(this.db, { runnerId: this.deps.runnerId, limit: room, leaseSeconds: this.opts.leaseSeconds }));
    await sweepMissed(this.db, { graceSeconds: this.opts.missedGraceSeconds, windowMinutes: this.opts.missedWindowMinutes });
    return this.pump();
  }

  /** Resolves when nothing is claimed, waiting or in flight in this dispatcher. */
  async idle(): Promise<void> {
    while (this.pumping || this.inFlight.size) {
      await this.pumping;
      await Promise.all([...this.inFlight.values()].map((f) => f.done));
      await new Promise((r) => setImmediate(r)); // let timers run between rounds
    }
  }

  get busy(): number {
    return this.inFlight.size + this.waiting.length;
  }

  /** Stops claiming, hands back rows not started, and waits for what is in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
    await this.pumping;
    const notStarted = this.waiting.splice(0);
    this.loaded.clear();
    for (const w of notStarted) await releaseClaim(this.db, this.deps.runnerId, w.id).catch(() => {});
    while (this.inFlight.size) await Promise.all([...this.inFlight.values()].map((f) => f.done));
  }
}
