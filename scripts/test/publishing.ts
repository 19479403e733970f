/** Fixtures for engine tests: accounts with sealed credentials, due content, a dispatcher. */
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { contentItems, platformAccounts, schedules } from "../../db/schema";
import { sealJson } from "../../lib/crypto";
import { appKeyring } from "../../lib/crypto/keyring";
import { Dispatcher, type DispatcherOptions } from "../../lib/publishing/dispatcher";
import { configuredEngine } from "../../lib/publishing/deps";
import type { EngineDeps, ProcessResult } from "../../lib/publishing/engine";

export async function makeAccount(
  db: Db,
  workspaceId: string,
  platform: string,
  opts: { config?: Record<string, unknown>; credentials?: Record<string, string>; rateLimit?: unknown; name?: string } = {},
) {
  const id = crypto.randomUUID();
  await db.insert(platformAccounts).values({
    id,
    workspaceId,
    platform,
    name: opts.name ?? `${platform} account`,
    config: opts.config ?? {},
    credentialsEncrypted: opts.credentials ? sealJson(appKeyring(), opts.credentials, id) : null,
    rateLimit: opts.rateLimit ?? { capacity: 100_000, per_seconds: 1 },
  });
  return id;
}

export interface DueOptions {
  text?: string;
  title?: string;
  contentType?: "post" | "thread" | "article";
  /** Seconds relative to now; negative = already due. */
  dueIn?: number;
  originalIn?: number;
  maxRetries?: number;
  retryStrategy?: "exponential" | "linear" | "custom";
  retryDelays?: number[];
  missedPolicy?: "publish_late" | "skip" | "ask";
  authorId?: string | null;
  expiresIn?: number;
  contentStatus?: "draft" | "scheduled" | "approved";
}

/** One content item with one pending schedule on the account. */
export async function makeDue(db: Db, workspaceId: string, accountId: string, platform: string, o: DueOptions = {}) {
  const at = new Date(Date.now() + (o.dueIn ?? -1) * 1000);
  const [item] = await db
    .insert(contentItems)
    .values({
      workspaceId,
      title: o.title ?? "Engine test",
      content: o.text ?? `Post ${crypto.randomUUID().slice(0, 8)}`,
      contentType: o.contentType ?? "post",
      status: o.contentStatus ?? "scheduled",
      authorId: o.authorId ?? null,
      expiresAt: o.expiresIn === undefined ? null : new Date(Date.now() + o.expiresIn * 1000),
    })
    .returning({ id: contentItems.id });
  const id = crypto.randomUUID();
  await db.insert(schedules).values({
    id,
    workspaceId,
    contentItemId: item!.id,
    platformAccountId: accountId,
    platformId: platform,
    scheduledTime: at,
    originalTime: o.originalIn === undefined ? at : new Date(Date.now() + o.originalIn * 1000),
    localTime: at.toISOString().slice(0, 16),
    timezone: "UTC",
    idempotencyKey: `${id}:v1`,
    maxRetries: o.maxRetries ?? 3,
    retryStrategy: o.retryStrategy ?? "exponential",
    retryDelays: o.retryDelays ?? null,
    missedPolicy: o.missedPolicy ?? "publish_late",
  });
  return { scheduleId: id, contentId: item!.id };
}

export async function scheduleRow(db: Db, id: string) {
  const [row] = await db.select().from(schedules).where(eq(schedules.id, id));
  return row!;
}

/** Makes every pending row of the account due now (skips retry waits in tests). */
export async function makeRetriesDue(db: Db, accountId: string) {
  await db.execute(
    sql`UPDATE schedules SET scheduled_time = now() - interval '1 second' WHERE platform_account_id = ${accountId} AND publish_status = 'pending'`,
  );
  await db.execute(sql`UPDATE platform_accounts SET paused_until = NULL WHERE id = ${accountId}`);
}

export function testDispatcher(db: Db, over: { engine?: Partial<EngineDeps>; dispatch?: Partial<DispatcherOptions>; runnerId?: string } = {}) {
  const results: ProcessResult[] = [];
  const runnerId = over.runnerId ?? `test-runner-${crypto.randomBytes(3).toString("hex")}`;
  const dispatcher = new Dispatcher(db, configuredEngine(db, runnerId, { publishTimeoutMs: 2000, ...over.engine }), {
    concurrency: 8,
    perAccount: 4,
    leaseSeconds: 30,
    missedGraceSeconds: 120,
    missedWindowMinutes: 24 * 60,
    onResult: (_c, r) => results.push(r),
    ...over.dispatch,
  });
  /** Ticks until nothing is in flight and a tick claims nothing. */
  async function drain(maxTicks = 200) {
    for (let i = 0; i < maxTicks; i++) {
      const claimed = await dispatcher.tick();
      await dispatcher.idle();
      if (!claimed) return;
    }
    throw new Error("dispatcher did not drain");
  }
  return { dispatcher, results, drain, runnerId };
}
