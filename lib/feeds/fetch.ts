/**
 * One conditional GET of a feed, under the same address rules as webhooks: every hop of a
 * redirect is resolved, checked (private addresses refused unless allowed) and connected to the
 * checked address only, so neither a redirect nor DNS rebinding reaches the server's network.
 */
import { AppError } from "../errors";
import { requestPinned, resolveTarget } from "../net/pinned";
import type { FeedDeps } from "./deps";
import { decodeFeed } from "./charset";

export type FetchResult =
  | { kind: "not_modified" }
  | { kind: "ok"; body: string; etag: string | null; lastModified: string | null; finalUrl: string; redirects: number };

/** A poll that got no usable answer; `message` is what the feed's status shows. */
export class FeedFetchError extends Error {
  override name = "FeedFetchError";
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

function networkMessage(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; code?: string };
  if (e?.name === "TimeoutError") return `No answer within ${Math.round(timeoutMs / 1000)} s (timed out)`;
  return `Network error: ${e?.message ?? String(err)}${e?.code && !e.message?.includes(e.code) ? ` (${e.code})` : ""}`;
}

export async function fetchFeed(rawUrl: string, validators: { etag: string | null; lastModified: string | null }, deps: FeedDeps): Promise<FetchResult> {
  let url = rawUrl;
  for (let hop = 0; hop <= deps.maxRedirects; hop++) {
    let target;
    try {
      target = await resolveTarget(url, { allowPrivate: deps.allowPrivate, what: hop ? "The redirect target" : "The feed URL", resolver: deps.resolver });
    } catch (err) {
      if (err instanceof AppError) throw new FeedFetchError(err.message);
      throw err;
    }
    const headers: Record<string, string> = {
      accept: "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5",
      "user-agent": "Scheduler-Feeds/1",
    };
    if (validators.etag) headers["if-none-match"] = validators.etag;
    if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
    let res;
    try {
      // One character more than allowed tells a body that is too large from one that just fits.
      res = await requestPinned(target, { method: "GET", headers, timeoutMs: deps.timeoutMs, excerptChars: deps.maxBytes + 1, raw: true });
    } catch (err) {
      throw new FeedFetchError(networkMessage(err, deps.timeoutMs));
    }
    if (res.status === 304) return { kind: "not_modified" };
    if (REDIRECTS.has(res.status)) {
      const location = header(res.headers.location);
      if (!location) throw new FeedFetchError(`HTTP ${res.status} redirect without a Location header`);
      url = new URL(location, target.url).toString();
      continue;
    }
    if (res.status < 200 || res.status >= 300)
      throw new FeedFetchError(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""} from ${target.url.host}`);
    const declared = Number(header(res.headers["content-length"]));
    const bytes = res.raw ?? Buffer.from(res.excerpt);
    if (bytes.length > deps.maxBytes || (Number.isFinite(declared) && declared > deps.maxBytes)) {
      throw new FeedFetchError(`The feed is larger than ${Math.round(deps.maxBytes / 1024 / 1024)} MiB; refused`);
    }
    return {
      kind: "ok",
      body: decodeFeed(bytes, header(res.headers["content-type"])),
      etag: header(res.headers.etag),
      lastModified: header(res.headers["last-modified"]),
      finalUrl: url,
      redirects: hop,
    };
  }
  throw new FeedFetchError(`More than ${deps.maxRedirects} redirects; stopped`);
}
