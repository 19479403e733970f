import type { Keyring } from "../crypto";
import type { Resolver } from "../net/pinned";
import { appKeyring } from "../crypto/keyring";
import { getConfig } from "../config";

/** What webhooks need from outside: keys for secrets, the network policy, and delivery limits. */
export interface WebhookDeps {
  keyring: Keyring;
  /** Private, loopback and link-local targets allowed (WEBHOOKS_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** Host name resolution; the system resolver unless a test plays another. */
  resolver?: Resolver;
  /** One request's limit; a slow receiver gives up its slot after this. */
  timeoutMs: number;
  /** Attempts before a delivery is marked failed. */
  maxAttempts: number;
  /** Requests in flight at once, across all receivers. */
  concurrency: number;
  /** Wait before attempt `attempt + 1` after attempt `attempt` failed. */
  backoffMs: (attempt: number) => number;
}

/** 30 s, 2 min, 8 min, 32 min, ~2 h: about 2.7 hours from the first try to the last. */
export const defaultBackoff = (attempt: number) => Math.min(30_000 * 4 ** (attempt - 1), 6 * 3_600_000);

export function webhookDeps(over: Partial<WebhookDeps> = {}): WebhookDeps {
  return {
    keyring: over.keyring ?? appKeyring(),
    allowPrivate: over.allowPrivate ?? getConfig().webhooksAllowPrivate,
    resolver: over.resolver,
    timeoutMs: over.timeoutMs ?? 10_000,
    maxAttempts: over.maxAttempts ?? 6,
    concurrency: over.concurrency ?? 8,
    backoffMs: over.backoffMs ?? defaultBackoff,
  };
}
