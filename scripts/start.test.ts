import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

function start(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(PORT|DATABASE_URL|ENCRYPTION_KEY|NEXTAUTH_SECRET|JOBS_DRIVER|SEED_DEMO|NODE_ENV)$/.test(k)),
  );
  return spawnSync(process.execPath, [tsx, "scripts/start.ts"], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...clean, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "start-")), ...env } as unknown as NodeJS.ProcessEnv,
  });
}

describe("npm start with a bad setting", () => {
  it.each([
    [{ PORT: "abc" }, 'Configuration error: PORT must be an integer from 1 to 65535 (got "abc")'],
    [{ DATABASE_URL: "http://example.com" }, "Configuration error: DATABASE_URL must be a postgres:// or postgresql:// URL"],
    [
      { NODE_ENV: "production", DATABASE_URL: "postgres://u@127.0.0.1/db" },
      "Configuration error: ENCRYPTION_KEY is required when NODE_ENV=production and DATABASE_URL is set (it cannot be kept in DATA_DIR for other servers to share)",
    ],
    // npm start serves as production even when NODE_ENV is unset.
    [
      { DATABASE_URL: "postgres://u@127.0.0.1/db", ENCRYPTION_KEY: "0".repeat(64) },
      "Configuration error: NEXTAUTH_SECRET is required when NODE_ENV=production and DATABASE_URL is set (it cannot be kept in DATA_DIR for other servers to share)",
    ],
  ])("%o stops with one readable line and exit code 1", (env, line) => {
    const r = start(env);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(line + "\n");
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    expect(r.stdout).not.toContain("Building");
  });
});

describe("npm run worker", () => {
  it("is checked as production: with DATABASE_URL it needs the shared secrets", () => {
    const r = spawnSync(process.execPath, [tsx, "scripts/worker.ts"], {
      encoding: "utf8",
      timeout: 60_000,
      env: {
        ...process.env,
        NODE_ENV: "",
        ENCRYPTION_KEY: "",
        NEXTAUTH_SECRET: "",
        DATABASE_URL: "postgres://u@127.0.0.1:1/db",
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "worker-")),
      } as unknown as NodeJS.ProcessEnv,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "Configuration error: ENCRYPTION_KEY is required when NODE_ENV=production and DATABASE_URL is set (it cannot be kept in DATA_DIR for other servers to share)\n",
    );
  });

  it("explains that it needs a Postgres server when DATABASE_URL is unset", () => {
    const r = spawnSync(process.execPath, [tsx, "scripts/worker.ts"], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "worker-")) },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^npm run worker needs DATABASE_URL/);
  });
});
