import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
export const DEMO_PASSWORD = "demo-password-123";

// Debian's Chromium: Playwright cannot download its own browser here. The flags keep it from
// reaching for the network at start-up.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
};

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
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions: chromium } },
    { name: "mobile", use: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, launchOptions: chromium } },
  ],
  webServer: {
    // The real thing: `npm start` builds if needed, migrates a fresh embedded database and seeds the demo.
    command: "rm -rf .test-data/e2e && npm start",
    url: `${BASE_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR: ".test-data/e2e",
      DEMO_ADMIN_PASSWORD: DEMO_PASSWORD,
      NEXTAUTH_URL: BASE_URL,
      AUTH_MAX_FAILED_ATTEMPTS: "5",
      LOG_LEVEL: "warn",
    },
  },
});
