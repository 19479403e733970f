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
  x: [
    { key: "access_token", label: "Access token", required: true, hint: "an OAuth 2.0 user token (not the app's Bearer Token)" },
    { key: "refresh_token", label: "Refresh token", required: false, hint: "keeps the account working after the token's two hours; needs the Client ID" },
    { key: "client_secret", label: "Client secret", required: false, hint: "only for confidential apps (Web App, Automated App or Bot)" },
  ],
  linkedin: [
    { key: "access_token", label: "Access token", required: true },
    { key: "refresh_token", label: "Refresh token", required: false, hint: "approved apps only; needs the Client ID and secret" },
    { key: "client_secret", label: "Client secret", required: false },
  ],
  threads: [{ key: "access_token", label: "Access token", required: true }],
  devto: [{ key: "api_key", label: "API key", required: true, hint: "dev.to → Settings → Extensions" }],
  medium: [{ key: "integration_token", label: "Integration token", required: true }],
  mastodon: [{ key: "access_token", label: "Access token", required: true, hint: "Preferences → Development on your server (write:statuses, write:media)" }],
  bluesky: [
    { key: "handle", label: "Handle", required: true, hint: "e.g. you.bsky.social" },
    { key: "app_password", label: "App password", required: true, hint: "Settings → App passwords" },
  ],
  facebook: [{ key: "access_token", label: "Page access token", required: true }],
  instagram: [{ key: "access_token", label: "Access token", required: true }],
  wordpress: [
    { key: "username", label: "User name", required: true },
    { key: "app_password", label: "Application password", required: true, hint: "Users → Profile → Application passwords" },
  ],
  webhook: [{ key: "secret", label: "Signing secret", required: true, hint: "signs every delivery (X-Signature)" }],
};

export const CONFIG_FIELDS: Record<PlatformId, Field[]> = {
  sandbox: [],
  x: [{ key: "client_id", label: "Client ID", required: false, hint: "the app's OAuth 2.0 Client ID (Keys and tokens); required with a refresh token" }],
  linkedin: [
    { key: "author_urn", label: "Author URN", required: true, hint: "urn:li:person:… or urn:li:organization:…" },
    { key: "client_id", label: "Client ID", required: false, hint: "required with a refresh token" },
  ],
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

/** Settings the OAuth form asks for itself (client id) or that only a token form needs. */
export const OAUTH_SKIPS = new Set(["client_id"]);

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
