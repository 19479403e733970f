import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
export const DEMO_PASSWORD = "demo-password-123";
/**
 * How long a post may be late before its missed-post policy applies, on the e2e servers. Shorter
 * than the default (120 s) so the spec about missed posts waits a minute less; every other spec
 * uses the default policy (publish late), which this does not change.
 */
export const MISSED_GRACE_SECONDS = 60;
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
    FEEDS_ALLOW_PRIVATE: "true",
    // Every spec signs in as the same few users and calls the API from many pages at once.
    RATE_LIMIT_PER_MINUTE: "100000",
    RATE_LIMIT_ANON_PER_MINUTE: "100000",
    MISSED_GRACE_SECONDS: String(MISSED_GRACE_SECONDS),
    // Every spec signs a new person up (and some sign in again): bcrypt's cheapest cost keeps
    // that from costing the server a fifth of a second of CPU each time.
    PASSWORD_HASH_COST: "4",
  },
});

/**
 * What runs where. Every spec runs at desktop size on the embedded database. At 375 px run the
 * specs about screens; specs about the server, the API or the engine behind a screen gain
 * nothing from a narrow window (the a11y walk still opens every screen at 375 px, light and dark).
 * On Postgres run the specs whose work is the database's: the whole journey, publishing and
 * retries, approvals, series, CSV import and export, the job monitor and the fuzz suite's
 * refused writes; the integration suite already runs every query on both drivers.
 */
const serverSpecs = [
  "alt-text-existing",
  "alt-text",
  "api-limits",
  "audit",
  "backup",
  "best-times",
  "broken-accounts",
  "csv-roundtrip",
  "decisions",
  "fuzz",
  "gates",
  "history-import",
  "learned-best-times",
  "jobs",
  "membership",
  "peers",
  "publishing",
  "security-headers",
  "security",
  "series-blackout",
  "shortcuts",
  "team",
  "templates",
  "webhooks",
];
const databaseSpecs = ["approvals", "csv-roundtrip", "decisions", "flow", "fuzz", "jobs", "publishing", "schedule-controls", "series-blackout"];
const specs = (names: string[]) => new RegExp(`/(${names.join("|")})\\.spec\\.ts$`);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  // One more worker than a two-core machine has cores: several specs spend a minute or two
  // waiting for the runner's clock, and a third worker keeps the cores busy meanwhile (a whole
  // run: 1,034 s with two workers, 911 s with three).
  workers: 3,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  outputDir: "test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Traces keep the page's DOM at each step of a failed test, without the screencast: recording
  // screenshots for every test cost about a sixth of the time (desktop a11y + settings specs:
  // 183 s with them and 154 s with no trace, medians of two runs; 164 s without them, one run).
  // CI keeps only what the run prints, so there (E2E_TRACE=off) no trace is recorded at all.
  use: {
    baseURL: BASE_URL,
    trace: process.env.E2E_TRACE === "off" ? "off" : { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    launchOptions: chromium,
  },
  // Listed first, so its journeys that wait minutes for the runner start early and overlap the
  // rest instead of running alone at the end.
  projects: [
    ...(withPostgres ? [{ name: "desktop-postgres", testMatch: specs(databaseSpecs), use: { ...desktop, baseURL: PG_URL } }] : []),
    { name: "desktop", use: desktop },
    // With a Postgres server configured the phone screens talk to the app on it: the embedded
    // database already serves every desktop spec, and its one process is the busiest part of a run.
    {
      name: "mobile",
      testIgnore: specs(serverSpecs),
      use: {
        baseURL: withPostgres ? PG_URL : BASE_URL,
        viewport: { width: 375, height: 740 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
        launchOptions: chromium,
      },
    },
  ],
  // The real thing: `npm start` (build current, fresh embedded database migrated and seeded), and
  // the same on a fresh Postgres database when one is configured.
  webServer: [
    server(PORT, ".test-data/e2e", "npm start"),
    ...(withPostgres ? [server(PORT + 1, ".test-data/e2e-pg", "tsx scripts/test/e2e-postgres-server.ts")] : []),
  ],
});
