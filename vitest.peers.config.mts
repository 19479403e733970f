import path from "node:path";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:peers`: the adapters and the whole app against real server software (a WordPress
 * site and a Bluesky PDS, started on loopback by scripts/peers). Each file starts the servers it
 * needs; without them installed (`npm run peers:install`) the files skip, unless PEERS_REQUIRED=1
 * (CI), where a missing server fails.
 */
const root = path.dirname(fileURLToPath(import.meta.url));
export default defineConfig({
  resolve: { alias: { "@": root, "server-only": path.join(root, "scripts/test/empty.ts") } },
  test: {
    name: "peers",
    include: ["{lib,db,app,jobs,adapters,scripts}/**/*.peer.test.ts"],
    env: {
      NODE_ENV: "test",
      NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
      ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
      DATA_DIR: path.join(os.tmpdir(), `scheduler-peers-${process.pid}`),
      LOG_LEVEL: "error",
      RUNNER_ENABLED: "false",
      SEED_DEMO: "false",
    },
    // Real servers start in seconds, a cold install in minutes; the files run one after another
    // so two PHP servers and two PDSes never compete for the two cores.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
