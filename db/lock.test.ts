import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client";

const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
const child = (dir: string) => spawnSync(process.execPath, [tsx, "scripts/test/open-datadir.ts", dir], { encoding: "utf8", timeout: 60_000 });

describe("embedded database folder", () => {
  it("refuses a second process with a clear message, and opens again once the first is gone", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
    const first = await openDatabase({ dataDir: dir });
    try {
      const second = child(dir);
      expect(second.status).toBe(1);
      expect(second.stderr.trim()).toBe(
        `The data folder ${dir} is in use by another process (pid ${process.pid}). The embedded database allows one process per folder: stop that process, use another DATA_DIR, or set DATABASE_URL to share a Postgres server.`,
      );
    } finally {
      await first.close();
    }
    const third = child(dir);
    expect(third.stdout).toContain("opened");
    expect(third.status).toBe(0);
  });

  it("takes over a lock left by a process that died", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
    fs.writeFileSync(path.join(dir, "pglite.lock"), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname() }));
    const r = child(dir);
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(dir, "pglite.lock"))).toBe(false);
  });
});
