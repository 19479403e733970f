/**
 * Starts the app as users do (`npm start`: build if stale, embedded database in a fresh data
 * folder, migrated and seeded with the demo workspace) for scripts that drive a browser.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";

export async function startApp(opts: { port: number; password: string; env?: Record<string, string> }) {
  const base = `http://localhost:${opts.port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "app-"));
  const child = spawn("npm", ["start"], {
    env: { ...process.env, PORT: String(opts.port), DATA_DIR: dataDir, DEMO_ADMIN_PASSWORD: opts.password, NEXTAUTH_URL: base, LOG_LEVEL: "warn", ...opts.env },
    stdio: "ignore",
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    if (i > 1500 || child.exitCode !== null) {
      stop();
      throw new Error("the app did not answer /api/health within 5 minutes");
    }
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, stop };
}

/** Debian's Chromium, headless, kept off the network. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
