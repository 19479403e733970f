/** Builders shared by adapter tests, benchmarks and the crash test. */
import type { AdapterContext, PublishPost, PublishedPart } from "../adapter";
import type { PlatformId } from "../types";
import { lightFetch } from "../transport";

export function contextFor(
  platform: PlatformId,
  baseUrl: string,
  opts: { credentials?: Record<string, string>; config?: Record<string, unknown>; timeoutMs?: number; fetch?: typeof fetch } = {},
): AdapterContext & { saved: Record<string, string>[] } {
  const saved: Record<string, string>[] = [];
  return {
    accountId: `acct-${platform}`,
    platform,
    baseUrl,
    config: opts.config ?? {},
    credentials: opts.credentials ?? {},
    // What the publishing engine calls platforms with (lib/publishing/deps.ts).
    fetch: opts.fetch ?? lightFetch(),
    timeoutMs: opts.timeoutMs ?? 2000,
    saved,
    async saveCredentials(credentials) {
      saved.push(credentials);
      this.credentials = credentials;
    },
  };
}

/** A post with sensible defaults; `parts` defaults to `[text]`. Records published parts. */
export function postOf(p: Partial<PublishPost> & { text?: string } = {}): PublishPost & { progress: PublishedPart[] } {
  const text = p.text ?? "Hello from the scheduler";
  const progress: PublishedPart[] = [...(p.publishedParts ?? [])];
  const state: Record<string, string> = { ...p.state };
  return {
    idempotencyKey: p.idempotencyKey ?? `sched-${Math.random().toString(36).slice(2, 10)}:v1`,
    scheduleId: p.scheduleId ?? "00000000-0000-4000-8000-000000000001",
    contentType: p.contentType ?? (p.parts && p.parts.length > 1 ? "thread" : "post"),
    title: p.title ?? "A title",
    text,
    parts: p.parts ?? [text],
    media: p.media ?? [],
    tags: p.tags ?? [],
    link: p.link ?? null,
    canonicalUrl: p.canonicalUrl ?? null,
    publishedParts: p.publishedParts ?? [],
    progress,
    onPartPublished:
      p.onPartPublished ??
      (async (part) => {
        progress.push(part);
      }),
    state,
    saveState:
      p.saveState ??
      (async (patch) => {
        Object.assign(state, patch);
      }),
  };
}

/** A loopback port nothing listens on (for "connection refused"). */
export async function closedPort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as import("node:net").AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
