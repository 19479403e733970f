/**
 * `npm start`: checks the settings, builds the app if the sources changed since the last build,
 * then serves it. The server process migrates the database, seeds the demo workspace on an
 * empty database and runs the embedded job runner (instrumentation.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { getConfigOrExit, servedAsProduction } from "../lib/config";
import { buildIsCurrent, sourceStamp, STAMP_FILE } from "./build-stamp";

/** Request line and headers together; past it Node answers 431 itself and closes the connection. */
const MAX_HEADER_BYTES = 256 * 1024;

function main() {
  servedAsProduction();
  const cfg = getConfigOrExit();
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  // The build bakes in headers that depend on the public URL (HSTS): build for the one served.
  process.env.NEXTAUTH_URL = cfg.nextauthUrl;
  if (!buildIsCurrent()) {
    process.stdout.write("Building the app (first start, or the sources changed) …\n");
    const stamp = sourceStamp();
    const built = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (built.status !== 0) {
      process.stderr.write("The build failed; see the messages above.\n");
      process.exit(built.status ?? 1);
    }
    fs.writeFileSync(STAMP_FILE, stamp);
  }
  if (process.argv.includes("--build-only")) return;
  // Node refuses a request line plus headers over 16 KiB with a bare 431 and a reset connection;
  // long URLs (a 100 KB path or query) get an answer from the app instead.
  const child = spawn(process.execPath, [`--max-http-header-size=${MAX_HEADER_BYTES}`, nextBin, "start", "-p", String(cfg.port)], {
    stdio: "inherit",
    // The settings resolved here (secrets kept in DATA_DIR included) are handed down as they are, so
    // the server (which always runs as production) sees exactly what was checked.
    env: {
      ...process.env,
      NEXTAUTH_URL: cfg.nextauthUrl,
      NEXTAUTH_SECRET: cfg.nextauthSecret,
      ENCRYPTION_KEY: cfg.encryptionKey.toString("base64"),
      DATA_DIR: cfg.dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main();
