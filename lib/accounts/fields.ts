/**
 * What the "add account" form asks for, per platform: secrets (stored encrypted) and settings.
 * Plain data shared by the settings screen and the README's table.
 */
import type { PlatformId } from "@/adapters/types";

export interface Field {
  key: string;
  label: string;
  required: boolean;
  hint?: string;
}

export const CREDENTIAL_FIELDS: Record<PlatformId, Field[]> = {
  sandbox: [],
  x: [{ key: "access_token", label: "Access token", required: true }, { key: "refresh_token", label: "Refresh token", required: false }],
  linkedin: [{ key: "access_token", label: "Access token", required: true }, { key: "refresh_token", label: "Refresh token", required: false }],
  threads: [{ key: "access_token", label: "Access token", required: true }],
  devto: [{ key: "api_key", label: "API key", required: true, hint: "dev.to → Settings → Extensions" }],
  medium: [{ key: "integration_token", label: "Integration token", required: true }],
  mastodon: [{ key: "access_token", label: "Access token", required: true, hint: "Preferences → Development on your server (write:statuses, write:media)" }],
  bluesky: [{ key: "handle", label: "Handle", required: true, hint: "e.g. you.bsky.social" }, { key: "app_password", label: "App password", required: true, hint: "Settings → App passwords" }],
  facebook: [{ key: "access_token", label: "Page access token", required: true }],
  instagram: [{ key: "access_token", label: "Access token", required: true }],
  wordpress: [{ key: "username", label: "User name", required: true }, { key: "app_password", label: "Application password", required: true, hint: "Users → Profile → Application passwords" }],
  webhook: [{ key: "secret", label: "Signing secret", required: true, hint: "signs every delivery (X-Signature)" }],
};

export const CONFIG_FIELDS: Record<PlatformId, Field[]> = {
  sandbox: [],
  x: [{ key: "user_id", label: "User id", required: false, hint: "found by Verify when empty" }],
  linkedin: [{ key: "author_urn", label: "Author URN", required: true, hint: "urn:li:person:… or urn:li:organization:…" }],
  threads: [{ key: "user_id", label: "Threads user id", required: false }],
  devto: [],
  medium: [],
  mastodon: [],
  bluesky: [],
  facebook: [{ key: "page_id", label: "Page id", required: true }],
  instagram: [{ key: "ig_user_id", label: "Instagram user id", required: true }],
  wordpress: [],
  webhook: [],
};

/** Where the account's API lives: required where the platform has no single official address. */
export const BASE_URL_FIELD: Record<PlatformId, Field | null> = {
  sandbox: null,
  x: null,
  linkedin: null,
  threads: null,
  devto: null,
  medium: null,
  mastodon: { key: "api_base_url", label: "Server URL", required: true, hint: "e.g. https://mastodon.social" },
  bluesky: { key: "api_base_url", label: "PDS URL", required: false, hint: "empty: https://bsky.social" },
  facebook: null,
  instagram: null,
  wordpress: { key: "api_base_url", label: "Site URL", required: true, hint: "e.g. https://blog.example.com" },
  webhook: { key: "api_base_url", label: "Receiver URL", required: true },
};
