import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
export const DEMO_PASSWORD = "demo-password-123";
// With TEST_DATABASE_URL set, the desktop specs also run against an app on a Postgres server.
const PG_URL = `http://localhost:${PORT + 1}`;
const withPostgres = !!process.env.TEST_DATABASE_URL;

// Debian's Chromium: Playwright cannot download its own browser here. The flags keep it from
// reaching for the network at start-up.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
};
const desktop = { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions: chromium };

const server = (port: number, dataDir: string, command: string) => ({
  command: `rm -rf ${dataDir} && ${command}`,
  url: `http://localhost:${port}/api/health`,
  timeout: 300_000,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  env: {
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO_ADMIN_PASSWORD: DEMO_PASSWORD,
    NEXTAUTH_URL: `http://localhost:${port}`,
    AUTH_MAX_FAILED_ATTEMPTS: "5",
    LOG_LEVEL: "warn",
    // The quality gates' link check may reach loopback servers started by the specs.
    LINK_CHECK_ALLOW_PRIVATE: "true",
    // Specs run webhook receivers on loopback.
    WEBHOOKS_ALLOW_PRIVATE: "true",
    // Every spec signs in as the same few users and calls the API from many pages at once.
    RATE_LIMIT_PER_MINUTE: "100000",
    RATE_LIMIT_ANON_PER_MINUTE: "100000",
  },
});

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  outputDir: "test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: { baseURL: BASE_URL, trace: "retain-on-failure", screenshot: "only-on-failure", launchOptions: chromium },
  projects: [
    { name: "desktop", use: desktop },
    { name: "mobile", use: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, launchOptions: chromium } },
    ...(withPostgres ? [{ name: "desktop-postgres", use: { ...desktop, baseURL: PG_URL } }] : []),
  ],
  // The real thing: `npm start` (build current, fresh embedded database migrated and seeded), and
  // the same on a fresh Postgres database when one is configured.
  webServer: [
    server(PORT, ".test-data/e2e", "npm start"),
    ...(withPostgres ? [server(PORT + 1, ".test-data/e2e-pg", "tsx scripts/test/e2e-postgres-server.ts")] : []),
  ],
});
