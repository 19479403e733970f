/**
 * `npm run test:crash`: "exactly once" under kill -9. The worker publishes a burst of POSTS
 * (default 5,000; half to a Mastodon fake that honours Idempotency-Key, half to an X fake that
 * has none) and is killed with SIGKILL KILLS times (default 20) at seeded random moments,
 * restarted after each. The last line must read `delivered / duplicates / stuck: N / 0 / 0`;
 * anything else exits 1.
 *
 * Settings (environment): POSTS, KILLS, SEED (replays the kill moments; random by default),
 * CRASH_DATABASE_URL (else TEST_DATABASE_URL, else the local server) where a database
 * `crash_<pid>_<hex>` is made and dropped afterwards, CRASH_LEASE_SECONDS (2), CRASH_INTERVAL_MS
 * (100), CRASH_FAKE_DELAY_MS (20, added to every write), CRASH_SETTLE_TIMEOUT_S (180).
 */
import crypto from "node:crypto";
import { CrashInterrupted, formatReport, runCrash } from "./harness";

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`${name} must be a whole number (got "${raw}")\n`);
    process.exit(2);
  }
  return n;
}

async function main() {
  const posts = int("POSTS", 5000);
  const kills = int("KILLS", 20);
  const seed = int("SEED", crypto.randomInt(1, 2 ** 31 - 1));
  if (posts < 2) {
    process.stderr.write("POSTS must be at least 2 (one per platform)\n");
    process.exit(2);
  }
  const adminUrl = process.env.CRASH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const controller = new AbortController();
  // Ctrl-C: stop waiting, kill the worker, drop the database; a second Ctrl-C leaves at once.
  process.once("SIGINT", () => {
    process.stderr.write("\ninterrupted: cleaning up (Ctrl-C again to leave at once)\n");
    controller.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  const started = Date.now();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`crash test: ${posts} posts, ${kills} kills, seed ${seed} (SEED=${seed} replays the kill moments)`);
  const report = await runCrash({
    adminUrl,
    posts,
    kills,
    seed,
    leaseSeconds: int("CRASH_LEASE_SECONDS", 2),
    intervalMs: int("CRASH_INTERVAL_MS", 100),
    fakeDelayMs: int("CRASH_FAKE_DELAY_MS", 20),
    settleTimeoutMs: int("CRASH_SETTLE_TIMEOUT_S", 180) * 1000,
    log: out,
    signal: controller.signal,
  });
  for (const line of formatReport(report)) out(line);
  out(`total ${((Date.now() - started) / 1000).toFixed(1)} s including setup`);
  if (!report.ok) {
    const also = [
      report.kills.length < kills ? `${kills} kills (${report.kills.length} happened)` : null,
      report.wrongIds ? "every published row to carry its post's id" : null,
      report.foreign ? "no posts outside the burst" : null,
    ].filter(Boolean);
    out(`FAILED: expected ${posts} / 0 / 0${also.length ? `, and ${also.join(", ")}` : ""}`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  if (err instanceof CrashInterrupted) {
    process.stderr.write("interrupted; the worker is stopped and the database dropped\n");
    process.exit(130);
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
