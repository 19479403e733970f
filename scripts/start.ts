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

/**
 * The server's JavaScript heap is capped (unless NODE_OPTIONS sets a cap): with Node's default of
 * a quarter of the machine's memory, garbage from busy requests (a calendar month is megabytes of
 * objects) is collected late and the process grew past 1 GiB on a 24 GiB machine. With the cap
 * it is collected sooner and the server stays within a 512 MiB container.
 */
const HEAP_MB = 320;
function heapLimit(): string[] {
  return /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? "") ? [] : [`--max-old-space-size=${HEAP_MB}`];
}

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
  // Next.js's handler behind a front door for what it cannot answer itself (scripts/serve.ts).
  const child = spawn(process.execPath, [...heapLimit(), "--import", "tsx", path.join(process.cwd(), "scripts", "serve.ts")], {
    stdio: "inherit",
    // The settings resolved here (secrets kept in DATA_DIR included) are handed down as they are, so
    // the server (which always runs as production) sees exactly what was checked.
    env: {
      ...process.env,
      NEXTAUTH_URL: cfg.nextauthUrl,
      NEXTAUTH_SECRET: cfg.nextauthSecret,
      ENCRYPTION_KEY: cfg.encryptionKey.toString("base64"),
      DATA_DIR: cfg.dataDir,
      PORT: String(cfg.port),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main();
