/** The crash test's data: one workspace, an account per fake, and the burst of due posts. */
import type { Db } from "../../db/client";
import { contentItems, platformAccounts, schedules } from "../../db/schema";
import { insertWorkspace } from "../../db/queries/workspaces";
import { sealJson, type Keyring } from "../../lib/crypto";
export interface Burst {
  workspaceId: string;
  /** schedule id → its unique text and platform. */
  byId: Map<string, { text: string; platform: "mastodon" | "x" }>;
  /** text → schedule id. */
  byText: Map<string, string>;
}

export async function insertBurst(
  db: Db,
  keyring: Keyring,
  tag: string,
  posts: number,
  fakes: { mastodon: string; x: string; xUserId: string; token: string; xPostsPerSecond?: number },
): Promise<Burst> {
  const ws = await insertWorkspace(db, { name: `Crash ${tag}` });
  const rateLimit = { capacity: 1_000_000, per_seconds: 1 };
  const xRate = fakes.xPostsPerSecond ? { capacity: fakes.xPostsPerSecond, per_seconds: 1 } : rateLimit;
  const accounts = {
    mastodon: crypto.randomUUID(),
    x: crypto.randomUUID(),
  };
  await db.insert(platformAccounts).values([
    {
      id: accounts.mastodon,
      workspaceId: ws.id,
      platform: "mastodon",
      name: "Crash Mastodon",
      config: { api_base_url: fakes.mastodon, max_characters: 500 },
      credentialsEncrypted: sealJson(keyring, { access_token: fakes.token }, accounts.mastodon),
      rateLimit,
    },
    {
      id: accounts.x,
      workspaceId: ws.id,
      platform: "x",
      name: "Crash X",
      config: { api_base_url: fakes.x, user_id: fakes.xUserId, username: "crashtest" },
      credentialsEncrypted: sealJson(keyring, { access_token: fakes.token }, accounts.x),
      rateLimit: xRate,
    },
  ]);
  const byId: Burst["byId"] = new Map();
  const byText: Burst["byText"] = new Map();
  const due = new Date(Date.now() - 1000);
  const CHUNK = 1000;
  for (let start = 0; start < posts; start += CHUNK) {
    const items: (typeof contentItems.$inferInsert)[] = [];
    const rows: (typeof schedules.$inferInsert)[] = [];
    for (let i = start; i < Math.min(posts, start + CHUNK); i++) {
      const platform = i % 2 === 0 ? "mastodon" : "x";
      const itemId = crypto.randomUUID();
      const id = crypto.randomUUID();
      // Unique per schedule: a post seen twice on a platform is a duplicate of exactly one schedule.
      const text = `Crash test ${tag} post ${i + 1} of ${posts} (${platform}) ${id.slice(0, 8)}`;
      items.push({ id: itemId, workspaceId: ws.id, title: `Crash ${i + 1}`, content: text, contentType: "post", status: "scheduled" });
      rows.push({
        id,
        workspaceId: ws.id,
        contentItemId: itemId,
        platformAccountId: accounts[platform],
        platformId: platform,
        scheduledTime: due,
        originalTime: due,
        localTime: due.toISOString().slice(0, 16),
        timezone: "UTC",
        idempotencyKey: `${id}:v1`,
        maxRetries: 3,
      });
      byId.set(id, { text, platform });
      byText.set(text, id);
    }
    await db.insert(contentItems).values(items);
    await db.insert(schedules).values(rows);
  }
  return { workspaceId: ws.id, byId, byText };
}
