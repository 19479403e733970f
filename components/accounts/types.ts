import type { PlatformId } from "@/adapters/types";

/** One platform as the connect screen offers it (computed on the server from the adapters). */
export interface ConnectPlatform {
  id: PlatformId;
  name: string;
  /** The adapter can connect through OAuth. */
  oauth: boolean;
  /** What the platform must grant: the adapter's OAuth scopes. */
  scopes: string[];
  /** The platform has one official API address (advanced override offered), or none (the person's own). */
  defaultBaseUrl: string | null;
}

/** An existing account being reconnected. */
export interface ReconnectTarget {
  id: string;
  platform: PlatformId;
  name: string;
  status: string;
  statusReason: string | null;
  config: Record<string, string>;
}

/** What the platform answered when the account was saved. */
export interface ConnectResult {
  name: string;
  status: string;
  reason: string | null;
  verifiedAs?: string | null;
}
