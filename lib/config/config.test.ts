import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cfg-"));

describe("configuration", () => {
  it("uses defaults and keeps generated secrets in DATA_DIR with mode 0600", () => {
    const dir = tmp();
    const a = loadConfig({ DATA_DIR: dir });
    expect(a.port).toBe(3000);
    expect(a.dbDriver).toBe("pglite");
    expect(a.passwordHashCost).toBe(11);
    expect(a.encryptionKey.length).toBe(32);
    expect(a.nextauthSecret.length).toBeGreaterThanOrEqual(32);
    for (const f of ["encryption.key", "nextauth.secret"]) {
      expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    }
    const b = loadConfig({ DATA_DIR: dir });
    expect(b.encryptionKey.equals(a.encryptionKey)).toBe(true);
    expect(b.nextauthSecret).toBe(a.nextauthSecret);
  });

  it.each([
    [{ PORT: "abc" }, /^Configuration error: PORT must be an integer from 1 to 65535 \(got "abc"\)$/],
    [{ PORT: "70000" }, /PORT/],
    [{ DATABASE_URL: "mysql://x" }, /^Configuration error: DATABASE_URL must be a postgres:\/\//],
    [{ ENCRYPTION_KEY: "short" }, /^Configuration error: ENCRYPTION_KEY must be 32 bytes/],
    [{ SEED_DEMO: "maybe" }, /SEED_DEMO must be true or false \(got "maybe"\)/],
    [{ JOBS_DRIVER: "cron" }, /JOBS_DRIVER must be local, trigger or off/],
    [{ JOBS_DRIVER: "trigger" }, /TRIGGER_SECRET_KEY is required/],
    [{ DEMO_ADMIN_EMAIL: "nope" }, /DEMO_ADMIN_EMAIL must be an email address/],
    [{ PASSWORD_HASH_COST: "3" }, /^Configuration error: PASSWORD_HASH_COST must be an integer from 4 to 15$/],
    [{ PASSWORD_HASH_COST: "16" }, /PASSWORD_HASH_COST must be an integer from 4 to 15/],
  ])("rejects %o with one readable line", (env, message) => {
    let err: unknown;
    try {
      loadConfig({ DATA_DIR: tmp(), ...env });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain("\n");
  });

  it("never echoes a secret's value in the error", () => {
    expect(() => loadConfig({ DATA_DIR: tmp(), ENCRYPTION_KEY: "my-secret-value" })).toThrow(/^(?!.*my-secret-value)/);
  });

  it("requires both secrets in production with a Postgres server", () => {
    const env = { DATA_DIR: tmp(), NODE_ENV: "production", DATABASE_URL: "postgres://u@h/db" };
    expect(() => loadConfig(env)).toThrow(/ENCRYPTION_KEY is required when NODE_ENV=production/);
    expect(() => loadConfig({ ...env, ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" })).toThrow(/NEXTAUTH_SECRET is required/);
    const ok = loadConfig({ ...env, ENCRYPTION_KEY: "0".repeat(64), NEXTAUTH_SECRET: "x".repeat(32) });
    expect(ok.dbDriver).toBe("postgres");
    expect(fs.existsSync(path.join(env.DATA_DIR, "encryption.key"))).toBe(false);
  });
});

describe("key rotation settings", () => {
  it("keeps former keys for decryption", async () => {
    const { encrypt, decrypt } = await import("../crypto");
    const oldKey = "1".repeat(64);
    const before = loadConfig({ DATA_DIR: tmp(), ENCRYPTION_KEY: oldKey });
    const sealed = encrypt({ current: before.encryptionKey }, "credential");
    const after = loadConfig({ DATA_DIR: tmp(), ENCRYPTION_KEY: "2".repeat(64), ENCRYPTION_KEYS_OLD: oldKey });
    expect(decrypt({ current: after.encryptionKey, old: after.oldEncryptionKeys }, sealed)).toBe("credential");
    expect(() => loadConfig({ DATA_DIR: tmp(), ENCRYPTION_KEYS_OLD: "nope" })).toThrow(/ENCRYPTION_KEYS_OLD must be a comma-separated list/);
  });
});
