import type { Db } from "@/db/client";
import { adaptersFor } from "@/adapters/runtime";
import { lightFetch } from "@/adapters/transport";
import { getConfig } from "../config";
import { appKeyring } from "../crypto/keyring";
import { mediaSigningKey } from "../media/public-url";
import type { EngineDeps } from "./engine";
import type { DispatcherOptions } from "./dispatcher";

/** The engine's dependencies as configured for this process. */
export function configuredEngine(db: Db, runnerId: string, over: Partial<EngineDeps> = {}): EngineDeps {
  const cfg = getConfig();
  return {
    runnerId,
    adapters: adaptersFor(db),
    keyring: appKeyring(),
    // Platform calls: undici's request for simple ones (a fraction of fetch's CPU), fetch for the rest.
    fetch: lightFetch(),
    publishTimeoutMs: cfg.jobs.publishTimeoutMs,
    dataDir: cfg.dataDir,
    publicUrl: cfg.publicUrl,
    signingKey: mediaSigningKey(cfg.encryptionKey),
    ...over,
  };
}

export function configuredDispatch(over: Partial<DispatcherOptions> = {}): DispatcherOptions {
  const j = getConfig().jobs;
  return {
    concurrency: j.concurrency,
    perAccount: j.perAccount,
    leaseSeconds: j.leaseSeconds,
    missedGraceSeconds: j.missedGraceSeconds,
    missedWindowMinutes: j.missedWindowMinutes,
    intervalMs: j.intervalMs,
    ...over,
  };
}
