import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

/** Thrown for a bad setting: the message is one line naming the variable, fit to print as is. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
    .optional()
    .transform((v) => (v === undefined ? fallback : ["true", "1", "yes"].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be an integer from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\/.+/.test(v), { message: "must be a postgres:// or postgresql:// URL" });

/** Every setting the app reads. README's configuration table documents each one. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: int(3000, 1, 65535),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1, "must not be empty").default("./.data"),
  ENCRYPTION_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || decodeKey(v) !== null, {
      message: "must be 32 bytes as 64 hex characters or base64 (generate one with: openssl rand -base64 32)",
    }),
  ENCRYPTION_KEYS_OLD: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url({ message: "must be a URL such as http://localhost:3000" }).optional(),
  JOBS_DRIVER: z.enum(["local", "trigger", "off"], { message: "must be local, trigger or off" }).default("local"),
  TRIGGER_SECRET_KEY: z.string().optional(),
  TRIGGER_API_URL: z.url({ message: "must be a URL such as https://api.trigger.dev" }).optional(),
  JOBS_CONCURRENCY: int(16, 1, 1000),
  JOBS_CONCURRENCY_PER_ACCOUNT: int(4, 1, 100),
  JOBS_LEASE_SECONDS: int(60, 2, 3600),
  JOBS_INTERVAL_MS: int(1000, 50, 60_000),
  PUBLISH_TIMEOUT_MS: int(30_000, 100, 600_000),
  MISSED_GRACE_SECONDS: int(120, 5, 86_400),
  MISSED_WINDOW_MINUTES: int(24 * 60, 1, 30 * 24 * 60),
  HEALTH_HISTORY_DAYS: int(7, 1, 90),
  PUBLIC_URL: z.url({ message: "must be a public https URL of this app" }).optional(),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  RUNNER_ENABLED: bool(true),
  SEED_DEMO: bool(true),
  SIGNUP_ENABLED: bool(true),
  DEMO_ADMIN_EMAIL: z.email({ message: "must be an email address" }).default("admin@example.com"),
  DEMO_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  AUTH_MAX_FAILED_ATTEMPTS: int(5, 1, 100),
  AUTH_LOCKOUT_MINUTES: int(15, 1, 24 * 60),
  PASSWORD_HASH_COST: int(11, 4, 15),
  TRUST_PROXY_HOPS: int(0, 0, 10),
  MAX_JSON_BODY_BYTES: int(1024 * 1024, 1024, 256 * 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: int(600, 0, 1_000_000),
  RATE_LIMIT_ANON_PER_MINUTE: int(60, 0, 1_000_000),
  // Review links' public page and API: per link, and per client address across links.
  RATE_LIMIT_REVIEW_PER_MINUTE: int(60, 0, 1_000_000),
  RATE_LIMIT_REVIEW_ADDR_PER_MINUTE: int(120, 0, 1_000_000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"], { message: "must be debug, info, warn or error" }).default("info"),
  LINK_CHECK_ALLOW_PRIVATE: bool(false),
  WEBHOOKS_ALLOW_PRIVATE: bool(false),
  FEEDS_ALLOW_PRIVATE: bool(false),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/.+/.test(v), { message: "must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587" })
    .optional(),
  SMTP_FROM: z.string().trim().min(3, "must be a sender such as Scheduler <scheduler@example.com>").optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  nodeEnv: Env["NODE_ENV"];
  port: number;
  databaseUrl: string | undefined;
  dbDriver: "pglite" | "postgres";
  dataDir: string;
  encryptionKey: Buffer;
  oldEncryptionKeys: Buffer[];
  nextauthSecret: string;
  nextauthUrl: string;
  jobsDriver: Env["JOBS_DRIVER"];
  triggerSecretKey: string | undefined;
  triggerApiUrl: string | undefined;
  jobs: {
    concurrency: number;
    perAccount: number;
    leaseSeconds: number;
    intervalMs: number;
    publishTimeoutMs: number;
    missedGraceSeconds: number;
    missedWindowMinutes: number;
  };
  /** How long the minute-by-minute health history is kept (lib/health-history). */
  healthHistoryDays: number;
  publicUrl: string | undefined;
  metricsToken: string | undefined;
  runnerEnabled: boolean;
  seedDemo: boolean;
  signupEnabled: boolean;
  demoAdminEmail: string;
  demoAdminPassword: string | undefined;
  authMaxFailedAttempts: number;
  authLockoutMinutes: number;
  /** bcrypt's cost for new password hashes: each step up doubles the work of a guess (and of a sign-in). */
  passwordHashCost: number;
  trustProxyHops: number;
  /** Largest JSON request body /api/v1 reads; bigger ones get 413 before they are buffered. */
  maxJsonBodyBytes: number;
  /** Requests per minute to /api/v1 per API token or signed-in user, and per address without either; 0 = no limit. */
  rateLimit: { perMinute: number; anonPerMinute: number; reviewPerMinute: number; reviewAddrPerMinute: number };
  logLevel: Env["LOG_LEVEL"];
  /** The quality gates' link check may reach private/loopback addresses (tests, closed networks). */
  linkCheckAllowPrivate: boolean;
  /** Outgoing webhooks may reach private/loopback addresses (tests, closed networks). */
  webhooksAllowPrivate: boolean;
  /** Feed URLs on private, loopback and link-local addresses allowed (tests, closed networks). */
  feedsAllowPrivate: boolean;
  /** Notification emails: sent only when `url` is set. */
  smtp: { url: string | undefined; from: string };
}

export function decodeKey(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const buf = Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return buf.length === 32 ? buf : null;
  }
  return null;
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? "environment");
  const raw = env[name];
  const secret = /SECRET|KEY|PASSWORD|URL/.test(name);
  const got = raw === undefined || secret ? "" : ` (got "${raw}")`;
  return `Configuration error: ${name} ${issue.message}${got}`;
}

/**
 * Reads a secret kept in DATA_DIR, creating it (mode 0600) on first use. Embedded installs
 * need no setup; the file makes the value survive restarts so sessions and ciphertexts stay valid.
 */
function keptSecret(dataDir: string, file: string, make: () => string): string {
  const p = path.join(dataDir, file);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(p, make() + "\n", { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return fs.readFileSync(p, "utf8").trim();
}

export function loadConfig(rawEnv: Record<string, string | undefined> = process.env): AppConfig {
  // `NAME=` (empty) means unset, as in most .env files.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== ""));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(describeIssue(parsed.error.issues[0]!, env));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const serverMode = e.NODE_ENV === "production" && e.DATABASE_URL !== undefined;
  for (const name of ["ENCRYPTION_KEY", "NEXTAUTH_SECRET"] as const) {
    if (serverMode && !e[name]) {
      throw new ConfigError(
        `Configuration error: ${name} is required when NODE_ENV=production and DATABASE_URL is set (it cannot be kept in DATA_DIR for other servers to share)`,
      );
    }
  }
  if (e.JOBS_DRIVER === "trigger" && !e.TRIGGER_SECRET_KEY) {
    throw new ConfigError("Configuration error: TRIGGER_SECRET_KEY is required when JOBS_DRIVER=trigger");
  }
  const oldKeys = (e.ENCRYPTION_KEYS_OLD ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((k) => {
      const buf = decodeKey(k);
      if (!buf) throw new ConfigError("Configuration error: ENCRYPTION_KEYS_OLD must be a comma-separated list of 32-byte keys");
      return buf;
    });
  const encryptionKey = e.ENCRYPTION_KEY
    ? decodeKey(e.ENCRYPTION_KEY)!
    : decodeKey(keptSecret(dataDir, "encryption.key", () => crypto.randomBytes(32).toString("base64")))!;
  const nextauthSecret = e.NEXTAUTH_SECRET ?? keptSecret(dataDir, "nextauth.secret", () => crypto.randomBytes(32).toString("base64url"));
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dbDriver: e.DATABASE_URL ? "postgres" : "pglite",
    dataDir,
    encryptionKey,
    oldEncryptionKeys: oldKeys,
    nextauthSecret,
    nextauthUrl: e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`,
    jobsDriver: e.JOBS_DRIVER,
    triggerSecretKey: e.TRIGGER_SECRET_KEY,
    triggerApiUrl: e.TRIGGER_API_URL,
    jobs: {
      concurrency: e.JOBS_CONCURRENCY,
      perAccount: e.JOBS_CONCURRENCY_PER_ACCOUNT,
      leaseSeconds: e.JOBS_LEASE_SECONDS,
      intervalMs: e.JOBS_INTERVAL_MS,
      publishTimeoutMs: e.PUBLISH_TIMEOUT_MS,
      missedGraceSeconds: e.MISSED_GRACE_SECONDS,
      missedWindowMinutes: e.MISSED_WINDOW_MINUTES,
    },
    healthHistoryDays: e.HEALTH_HISTORY_DAYS,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    metricsToken: e.METRICS_TOKEN,
    runnerEnabled: e.RUNNER_ENABLED,
    seedDemo: e.SEED_DEMO,
    signupEnabled: e.SIGNUP_ENABLED,
    demoAdminEmail: e.DEMO_ADMIN_EMAIL.toLowerCase(),
    demoAdminPassword: e.DEMO_ADMIN_PASSWORD,
    authMaxFailedAttempts: e.AUTH_MAX_FAILED_ATTEMPTS,
    authLockoutMinutes: e.AUTH_LOCKOUT_MINUTES,
    passwordHashCost: e.PASSWORD_HASH_COST,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    maxJsonBodyBytes: e.MAX_JSON_BODY_BYTES,
    rateLimit: {
      perMinute: e.RATE_LIMIT_PER_MINUTE,
      anonPerMinute: e.RATE_LIMIT_ANON_PER_MINUTE,
      reviewPerMinute: e.RATE_LIMIT_REVIEW_PER_MINUTE,
      reviewAddrPerMinute: e.RATE_LIMIT_REVIEW_ADDR_PER_MINUTE,
    },
    logLevel: e.LOG_LEVEL,
    linkCheckAllowPrivate: e.LINK_CHECK_ALLOW_PRIVATE,
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE,
    feedsAllowPrivate: e.FEEDS_ALLOW_PRIVATE,
    smtp: { url: e.SMTP_URL, from: e.SMTP_FROM ?? "Scheduler <scheduler@localhost>" },
  };
}

const CONFIG = Symbol.for("scheduler.config");
type G = typeof globalThis & { [CONFIG]?: AppConfig };

/** The process-wide configuration, loaded once. */
export function getConfig(): AppConfig {
  const g = globalThis as G;
  return (g[CONFIG] ??= loadConfig());
}

/** For entry points: the configuration, or one readable line on stderr and exit code 1. */
export function getConfigOrExit(): AppConfig {
  try {
    return getConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + "\n");
      process.exit(1);
    }
    throw err;
  }
}

/**
 * `npm start` serves with `next start`, which is always production, and `npm run worker` works
 * beside such servers: their settings are checked as production unless NODE_ENV says otherwise,
 * so with DATABASE_URL the secrets must come from the environment, shared by every process.
 */
export function servedAsProduction() {
  const env = process.env as Record<string, string | undefined>;
  if (!env.NODE_ENV) env.NODE_ENV = "production";
}
