/**
 * Server-side registry of publishing adapters. The sandbox writes to the database, so the
 * registry is made per database handle.
 */
import type { Db } from "@/db/client";
import type { PlatformAdapter } from "./adapter";
import type { PlatformId } from "./types";
import { createSandboxAdapter } from "./sandbox";
import { adapter as bluesky } from "./bluesky";
import { adapter as devto } from "./devto";
import { adapter as facebook } from "./facebook";
import { adapter as instagram } from "./instagram";
import { adapter as linkedin } from "./linkedin";
import { adapter as mastodon } from "./mastodon";
import { adapter as medium } from "./medium";
import { adapter as threads } from "./threads";
import { adapter as webhook } from "./webhook";
import { adapter as wordpress } from "./wordpress";
import { adapter as x } from "./x";

const NETWORK: Partial<Record<PlatformId, PlatformAdapter>> = {
  x,
  linkedin,
  threads,
  mastodon,
  bluesky,
  devto,
  medium,
  facebook,
  instagram,
  wordpress,
  webhook,
};

export type AdapterLookup = (platform: PlatformId) => PlatformAdapter | null;

export function adaptersFor(db: Db): AdapterLookup {
  const sandbox = createSandboxAdapter(db);
  return (platform) => (platform === "sandbox" ? sandbox : (NETWORK[platform] ?? null));
}
