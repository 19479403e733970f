/**
 * The engine's per-post writes (rate-limit token, attempt opened, success settled), one statement
 * per post or merged across the posts in flight. A dispatcher works many posts at once, and their
 * writes falling close together go to the database as one multi-row statement each: one round
 * trip and one commit for the lot, with every row's guarantees as when written alone
 * (db/queries/publishing-batch.ts). A single claim (Trigger.dev run) writes directly.
 */
import type { Db } from "@/db/client";
import { startAttempts, settleSuccesses, type AttemptStart, type SuccessSettle } from "@/db/queries/publishing-batch";
import { log } from "../log";
import { takeAccountTokens, type AccountLimits, type TokenResult } from "./bucket";

export interface EngineWrites {
  takeToken(accountId: string, limits: AccountLimits): Promise<TokenResult>;
  startAttempt(a: AttemptStart): Promise<string>;
  settleSuccess(s: SuccessSettle): Promise<boolean>;
}

export function directWrites(db: Db): EngineWrites {
  return {
    takeToken: async (accountId, limits) => (await takeAccountTokens(db, [{ accountId, limits }]))[0]!,
    startAttempt: async (a) => (await startAttempts(db, [a]))[0]!,
    settleSuccess: async (s) => (await settleSuccesses(db, [s]))[0]!,
  };
}

/**
 * Calls made while a flush is pending or running are merged into the next one: the first call
 * flushes on the next turn of the event loop (with whatever else that turn asked for), and calls
 * arriving meanwhile wait for the flush in progress, then go together. Under load the batches
 * grow by themselves; a lone call waits for nothing. When a merged flush fails (a deadlock with
 * another runner, one bad row), its calls are retried one by one, so no call fails for another.
 */
export function coalesce<I, O>(flush: (items: I[]) => Promise<O[]>, max = 1000): (item: I) => Promise<O> {
  let queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let draining = false;
  const drain = async () => {
    while (queue.length) {
      const batch = queue.slice(0, max);
      queue = queue.slice(max);
      try {
        const out = await flush(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(out[i]!));
      } catch (err) {
        if (batch.length === 1) {
          batch[0]!.reject(err);
          continue;
        }
        log.warn("a merged engine write failed; writing its rows one by one", { rows: batch.length, err });
        for (const b of batch) await flush([b.item]).then((out) => b.resolve(out[0]!), b.reject);
      }
    }
    draining = false;
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!draining) {
        draining = true;
        setImmediate(() => void drain());
      }
    });
}

export function batchedWrites(db: Db): EngineWrites {
  const tokens = coalesce((asks: { accountId: string; limits: AccountLimits }[]) => takeAccountTokens(db, asks));
  return {
    takeToken: (accountId, limits) => tokens({ accountId, limits }),
    startAttempt: coalesce((list: AttemptStart[]) => startAttempts(db, list)),
    settleSuccess: coalesce((list: SuccessSettle[]) => settleSuccesses(db, list)),
  };
}
