/**
 * The publishing half of an adapter (docs/architecture.md, Adapters). The static half
 * (descriptor + validate) is in `./types.ts` and ships to the browser; this half talks to the
 * network and stays on the server.
 */
import type { ContentType, PlatformDescriptor, PlatformId, PostDraft, ValidationIssue } from "./types";

/** Everything an adapter needs to reach one account on its platform. */
export interface AdapterContext {
  accountId: string;
  platform: PlatformId;
  /**
   * API origin (and path prefix, if any) without a trailing slash: the account's
   * `config.api_base_url`, else the descriptor's default. Mastodon/WordPress/Bluesky: the
   * instance, site or PDS.
   */
  baseUrl: string;
  /** Non-secret account settings (author URN, page id, LinkedIn-Version, webhook URL …). */
  config: Record<string, unknown>;
  /** Decrypted secrets (tokens, app passwords, signing secret). */
  credentials: Record<string, string>;
  /** Injected so tests and benchmarks can count calls; defaults to global fetch. */
  fetch: typeof fetch;
  /** Per-request timeout; a timeout after the request left is an unknown outcome. */
  timeoutMs: number;
  /** Called when an adapter refreshes or creates session credentials so they persist. */
  saveCredentials?: (credentials: Record<string, string>, expiresAt?: Date | null) => Promise<void>;
}

export interface PublishMedia {
  /** The app's own id of the file (the sandbox's post page links to it). */
  id?: string;
  /** Public URL (Instagram/Threads fetch from it); null when the app has no public URL. */
  url: string | null;
  mimeType: string;
  altText: string | null;
  sizeBytes: number;
  /** Reads the bytes for platforms that take uploads. */
  read: () => Promise<Buffer>;
}

/** One published piece of a thread: the anchor later parts reply to. */
export interface PublishedPart {
  index: number;
  id: string;
  url?: string | null;
  /** Platform extras needed to reply (Bluesky: uri + cid; Threads: container id). */
  extra?: Record<string, string>;
}

export interface PublishPost {
  /** `<scheduleId>:v<version>`: the same for every attempt of one version of one post. */
  idempotencyKey: string;
  scheduleId: string;
  contentType: ContentType;
  title: string;
  /** Body; for a thread on a platform without threads, the parts joined with THREAD_JOINER. */
  text: string;
  /** Thread parts in order (length ≥ 1; `[text]` for a single post). */
  parts: string[];
  media: PublishMedia[];
  tags: string[];
  link: string | null;
  canonicalUrl: string | null;
  /** Parts published by earlier attempts: resume after the last one, never re-post them. */
  publishedParts: PublishedPart[];
  /** Persist each part as soon as it is out, so a crash mid-thread resumes correctly. */
  onPartPublished: (part: PublishedPart) => Promise<void>;
  /**
   * Adapter checkpoints saved by earlier attempts of this version (e.g. a Threads/Instagram
   * container id, so a retry publishes the same container instead of making a second one).
   */
  state: Record<string, string>;
  /** Merges into `state` and persists before returning. */
  saveState: (patch: Record<string, string>) => Promise<void>;
}

export interface PublishResult {
  platformPostId: string;
  url: string | null;
  /** For threads: every part, in order. */
  parts?: PublishedPart[];
  httpStatus?: number | null;
  responseExcerpt?: string | null;
}

export interface PostMetrics {
  likes: number;
  shares: number;
  comments: number;
  clicks: number;
  impressions: number;
  reach: number;
  /** The account's followers when measured, where the platform reports no audience for the post. */
  followers?: number;
  raw?: unknown;
}

export interface VerifiedAccount {
  /** The platform's id for the account (user id, DID, page id …). */
  externalId: string | null;
  /** Display name or handle. */
  name: string | null;
  /** Anything learned that the account should remember (Mastodon max_characters …). */
  config?: Record<string, unknown>;
}

export interface RefreshedToken {
  credentials: Record<string, string>;
  expiresAt: Date | null;
}

/** OAuth 2 authorization-code + PKCE connect flow (the app builds the URLs; the adapter says where). */
export interface OAuthSpec {
  /** Absolute, or relative to the account's base URL. */
  authorizeUrl: string;
  tokenUrl: string;
  scopes: string[];
  /** Joins scopes in the authorize URL (X, LinkedIn: " "; Meta: ","). */
  scopeSeparator: string;
  pkce: boolean;
  /** Extra authorize query parameters. */
  extraParams?: Record<string, string>;
  /**
   * Platforms without a central developer portal (Mastodon: every server has its own apps)
   * register a client for this app when the admin brings no client id.
   */
  registerClient?: (
    ctx: Pick<AdapterContext, "baseUrl" | "fetch" | "timeoutMs">,
    req: { redirectUri: string; scopes: string[]; website: string },
  ) => Promise<{ clientId: string; clientSecret: string }>;
}

/** The first comment, published after its post (adapters/comments.ts for the rules). */
export interface PublishComment {
  /** `<post key>:comment`: the same for every attempt, never the post's own. */
  idempotencyKey: string;
  scheduleId: string;
  text: string;
  /** The post it answers: the first part (Bluesky: extra.uri + extra.cid). */
  parent: PublishedPart;
  /** Checkpoints of earlier attempts of this comment only (a Threads container, when it was first sent). */
  state: Record<string, string>;
  /** Merges into `state` and persists before returning. */
  saveState: (patch: Record<string, string>) => Promise<void>;
}

export interface PublishedComment {
  id: string;
  url: string | null;
  httpStatus?: number | null;
  responseExcerpt?: string | null;
}

/** Platforms with comments implement both; the others leave `comment` out. */
export interface CommentPublisher {
  /** Throws AdapterError subclasses only, like publish(). */
  publish: (ctx: AdapterContext, comment: PublishComment) => Promise<PublishedComment>;
  /**
   * After an unknown outcome: the comment if it is on the platform, null if it certainly is not
   * (safe to send), a throw when it cannot tell. Platforms that honour keys may answer null and
   * let the re-send with the same key be the lookup.
   */
  find: (ctx: AdapterContext, comment: PublishComment) => Promise<PublishedComment | null>;
}

export interface PlatformAdapter {
  /** The first comment; absent where the platform has no comments. */
  comment?: CommentPublisher;
  id: PlatformId;
  descriptor: PlatformDescriptor;
  validate: (draft: PostDraft) => ValidationIssue[];
  /** Throws AdapterError subclasses only (adapters/errors.ts). */
  publish: (ctx: AdapterContext, post: PublishPost) => Promise<PublishResult>;
  /**
   * Looks for this post on the platform (recent posts of the account matching the key or the
   * text) after an unknown outcome. Null means: certainly not there, safe to send. For a thread
   * it may record the parts it found with onPartPublished and return null: the publish that
   * follows resumes after them. When it cannot tell, it throws (never null).
   */
  findExisting: (ctx: AdapterContext, post: PublishPost) => Promise<PublishResult | null>;
  fetchMetrics: (ctx: AdapterContext, platformPostId: string) => Promise<PostMetrics>;
  verifyCredentials: (ctx: AdapterContext) => Promise<VerifiedAccount>;
  /**
   * OAuth 2 platforms: exchange the refresh token. AuthError when the platform refuses it. May
   * persist the new pair itself through ctx.saveCredentials (X's refresh tokens are single-use);
   * the engine saves what it returns as well.
   */
  refreshToken?: (ctx: AdapterContext) => Promise<RefreshedToken>;
  oauth?: OAuthSpec;
}
