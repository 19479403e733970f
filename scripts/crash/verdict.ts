/**
 * The verdict, from what the fakes hold and the rows' final states: delivered, duplicate posts
 * and second sends, stuck rows, wrong platform ids, posts that belong to no schedule.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../../db/client";
import type { createMastodonFake } from "../../adapters/fakes/mastodon";
import type { createXFake } from "../../adapters/fakes/x";
import type { FakeRequest } from "../../adapters/fakes/server";
import type { PlatformCount } from "./report";
import type { Burst } from "./setup";

export const textOf = (req: FakeRequest): string | null => {
  const b = req.body as { text?: unknown; status?: unknown } | null;
  const t = b && typeof b === "object" ? (b.text ?? b.status) : null;
  return typeof t === "string" ? t : null;
};

function tally<T>(items: Iterable<T>, keyOf: (t: T) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) {
    const k = keyOf(it);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

export async function verdict(db: Db, burst: Burst, mastodon: ReturnType<typeof createMastodonFake>, x: ReturnType<typeof createXFake>, posts: number) {
  const rows = rowsOf<{ id: string; status: string; platform: string; post_id: string | null; error: string | null }>(
    await db.execute(
      sql`SELECT id, publish_status::text AS status, platform_id AS platform, platform_post_id AS post_id, error_message AS error FROM schedules WHERE workspace_id = ${burst.workspaceId}`,
    ),
  );
  const mByText = new Map<string, string[]>();
  for (const s of mastodon.statuses) mByText.set(s.text, [...(mByText.get(s.text) ?? []), s.id]);
  const xByText = new Map<string, string[]>();
  for (const t of x.tweets) xByText.set(t.text, [...(xByText.get(t.text) ?? []), t.id]);
  const xSends = tally(
    x.requests.filter((r) => r.method === "POST" && r.path === "/2/tweets"),
    textOf,
  );
  const mSends = mastodon.requests.filter((r) => r.method === "POST" && r.path === "/api/v1/statuses").length;

  const count = (platform: "mastodon" | "x", byText: Map<string, string[]>, totalPosts: number, sends: number): PlatformCount => {
    const mine = [...burst.byId.values()].filter((b) => b.platform === platform);
    const delivered = mine.filter((b) => (byText.get(b.text)?.length ?? 0) > 0).length;
    const duplicatePosts = mine.reduce((n, b) => n + Math.max(0, (byText.get(b.text)?.length ?? 0) - 1), 0);
    return { schedules: mine.length, delivered, posts: totalPosts, duplicatePosts, sends };
  };
  const m = { ...count("mastodon", mByText, mastodon.statuses.length, mSends), replayedByKey: 0 };
  m.replayedByKey = m.sends - m.posts;
  const xc = {
    ...count(
      "x",
      xByText,
      x.tweets.length,
      [...xSends.values()].reduce((a, b) => a + b, 0),
    ),
    refusedDuplicates: 0,
  };
  // Every send to X beyond the first for a text is a second send: created (a duplicate post) or refused.
  const xExtraSends = [...burst.byId.values()].filter((b) => b.platform === "x").reduce((n, b) => n + Math.max(0, (xSends.get(b.text) ?? 0) - 1), 0);
  xc.refusedDuplicates = Math.max(0, xExtraSends - xc.duplicatePosts);
  const foreign = [...mByText.keys(), ...xByText.keys()].filter((t) => !burst.byText.has(t)).length;

  let wrongIds = 0;
  const stuckGroups = new Map<string, { status: string; platform: string; error: string | null; count: number }>();
  for (const r of rows) {
    const b = burst.byId.get(r.id);
    if (r.status === "published") {
      const ids = (b?.platform === "mastodon" ? mByText : xByText).get(b?.text ?? "") ?? [];
      if (!r.post_id || !ids.includes(r.post_id)) wrongIds++;
      continue;
    }
    const key = `${r.status}|${r.platform}|${r.error ?? ""}`;
    const g = stuckGroups.get(key) ?? { status: r.status, platform: r.platform, error: r.error, count: 0 };
    g.count++;
    stuckGroups.set(key, g);
  }
  const stuck = rows.length - rows.filter((r) => r.status === "published").length + (posts - rows.length);
  const attempts = Object.fromEntries(
    rowsOf<{ outcome: string; n: number }>(
      await db.execute(sql`SELECT outcome::text AS outcome, count(*)::int AS n FROM publish_attempts GROUP BY 1 ORDER BY 2 DESC`),
    ).map((r) => [r.outcome, r.n]),
  );
  const delivered = m.delivered + xc.delivered;
  const duplicates = m.duplicatePosts + xc.duplicatePosts + xc.refusedDuplicates;
  return { m, xc, foreign, wrongIds, stuckGroups, stuck, attempts, delivered, duplicates };
}
