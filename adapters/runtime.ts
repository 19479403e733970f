/**
 * Server-side registry of publishing adapters. The sandbox writes to the database, so the
 * registry is made per database handle.
 */
import type { Db } from "@/db/client";
import type { PlatformAdapter } from "./adapter";
import type { PlatformId } from "./types";
import { createSandboxAdapter } from "./sandbox";
import { adapter as webhook } from "./webhook";

const NETWORK: Partial<Record<PlatformId, PlatformAdapter>> = {
  webhook,
};

export type AdapterLookup = (platform: PlatformId) => PlatformAdapter | null;

export function adaptersFor(db: Db): AdapterLookup {
  const sandbox = createSandboxAdapter(db);
  return (platform) => (platform === "sandbox" ? sandbox : (NETWORK[platform] ?? null));
}
