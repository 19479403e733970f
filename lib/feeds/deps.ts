import type { Resolver } from "../net/pinned";
import { getConfig } from "../config";

/** What polling needs from outside: the network policy and its limits. */
export interface FeedDeps {
  /** Private, loopback and link-local feed URLs allowed (FEEDS_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  resolver?: Resolver;
  timeoutMs: number;
  /** Largest body read; a larger feed is refused as an error. */
  maxBytes: number;
  maxRedirects: number;
  /** Feeds polled at once by one job pass. */
  batch: number;
}

export function feedDeps(over: Partial<FeedDeps> = {}): FeedDeps {
  return {
    allowPrivate: over.allowPrivate ?? getConfig().feedsAllowPrivate,
    resolver: over.resolver,
    timeoutMs: over.timeoutMs ?? 15_000,
    maxBytes: over.maxBytes ?? 5 * 1024 * 1024,
    maxRedirects: over.maxRedirects ?? 5,
    batch: over.batch ?? 4,
  };
}
