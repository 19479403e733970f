/**
 * The crash test in small (`npm run test:crash` is the full one, same code): 500 posts, the
 * worker killed with SIGKILL 5 times while they go out, restarted each time. Needs a Postgres
 * server (TEST_DATABASE_URL): the worker is a separate process sharing the database.
 */
import { describe, expect, it } from "vitest";
import { formatReport, runCrash } from "./harness";

const POSTS = 500;
const KILLS = 5;

describe.skipIf(process.env.TEST_DRIVER !== "postgres" || !process.env.TEST_DATABASE_URL)("kill -9 during a burst", () => {
  it(`publishes ${POSTS} posts exactly once through ${KILLS} kills`, async () => {
    const lines: string[] = [];
    const report = await runCrash({
      adminUrl: process.env.TEST_DATABASE_URL!,
      posts: POSTS,
      kills: KILLS,
      seed: 20_260_501,
      // Slower fakes: a few seconds of deliveries, so every kill finds requests in flight.
      fakeDelayMs: 40,
      // X's recovery (adapters/x findExisting) reads only the newest 100 posts of the timeline:
      // at an unlimited rate more than 100 X posts can go out between a lost answer and its
      // recovery, and the lost post is then sent again (X refuses it as duplicate content, the
      // row ends failed). `npm run test:crash` runs unlimited and shows that; this test keeps
      // the account under its window with the account's own rate limit, so it fails only for
      // what it is meant to catch.
      xPostsPerSecond: 25,
      settleTimeoutMs: 60_000,
      stallTimeoutMs: 15_000,
      log: (line) => lines.push(line),
    });
    const summary = [...lines, ...formatReport(report)].join("\n");
    // The whole story on failure: kill moments, attempts, what each platform holds, stuck rows.
    expect({ delivered: report.delivered, duplicates: report.duplicates, stuck: report.stuck }, summary).toEqual({ delivered: POSTS, duplicates: 0, stuck: 0 });
    expect(report.wrongIds, summary).toBe(0);
    expect(report.foreign, summary).toBe(0);
    expect(report.kills, summary).toHaveLength(KILLS);
    // The kills landed mid-delivery: rows were taken over from dead leases and went through recovery.
    expect(report.takeovers, summary).toBeGreaterThan(0);
    expect((report.attempts.unknown_outcome ?? 0) + (report.attempts.found_existing ?? 0), summary).toBeGreaterThan(0);
    // Nothing left open: every orphaned attempt was closed as unknown_outcome by its recovery.
    expect(report.attempts.in_progress ?? 0, summary).toBe(0);
  }, 180_000);
});
