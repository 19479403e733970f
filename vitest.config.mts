import path from "node:path";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
const shared = {
  resolve: { alias: { "@": root, "server-only": path.join(root, "scripts/test/empty.ts") } },
};
// Settings every test process sees: fixed secrets (never written to DATA_DIR) and quiet logs.
const env = {
  NODE_ENV: "test",
  NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
  ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
  // One folder per run: media and generated files of parallel runs never meet.
  DATA_DIR: path.join(os.tmpdir(), `scheduler-vitest-${process.pid}`),
  LOG_LEVEL: "error",
  RUNNER_ENABLED: "false",
  SEED_DEMO: "false",
  // Link checks of the quality gates reach the tests' own loopback servers.
  LINK_CHECK_ALLOW_PRIVATE: "true",
  // Test files call routes many times a second with one token; the rate-limit tests set their own limits.
  RATE_LIMIT_PER_MINUTE: "100000",
  RATE_LIMIT_ANON_PER_MINUTE: "100000",
  // bcrypt's cheapest cost: sign-in and lockout tests check passwords many times.
  PASSWORD_HASH_COST: "4",
};

/**
 * Test files that must have a module registry of their own: they replace a package with
 * `vi.mock`, which cannot reach a module another file in the same worker already loaded.
 */
const OWN_MODULES = ["jobs/catalogue.int.test.ts"];

/**
 * The integration files of one driver. They share their worker's modules (`isolate: false`):
 * each file still works on its own copy of the migrated database, and loading the app's modules
 * and PGlite's WebAssembly once per worker instead of once per file halves the time of a run.
 * The few files in OWN_MODULES run in a project of their own, isolated as usual.
 */
const integration = (driver: "pglite" | "postgres") => {
  const test = {
    globalSetup: ["scripts/test/global-setup.ts"],
    env: { ...env, TEST_DRIVER: driver, DATA_DIR: `${env.DATA_DIR}-${driver}` },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  };
  return [
    { ...shared, test: { ...test, name: driver, include: ["{lib,db,app,jobs,adapters,scripts}/**/*.int.test.ts"], exclude: OWN_MODULES, isolate: false } },
    { ...shared, test: { ...test, name: `${driver}-isolated`, include: OWN_MODULES } },
  ];
};

export default defineConfig({
  test: {
    reporters: ["default"],
    // Every core. Vitest's own default leaves one free, which on a two-core machine is half of it;
    // each test file works on its own copy of the migrated database, so files never share data.
    maxWorkers: os.availableParallelism(),
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          include: ["{lib,db,app,jobs,adapters,components,scripts}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/*.peer.test.ts", "node_modules/**"],
          env,
          testTimeout: 60_000,
          // The files share their worker's modules, as the integration files do (below): 35 s → 23 s.
          isolate: false,
        },
      },
      ...integration("pglite"),
      ...(process.env.TEST_DATABASE_URL ? integration("postgres") : []),
    ],
  },
});
