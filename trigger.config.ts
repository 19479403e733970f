import { defineConfig } from "@trigger.dev/sdk";

/**
 * Trigger.dev project for JOBS_DRIVER=trigger. Deploy with `npx trigger.dev@latest deploy`
 * (see README). Tasks live in ./jobs; the engine retries on its own schedule, so Trigger.dev's
 * retries are off by default.
 */
export default defineConfig({
  project: process.env.TRIGGER_PROJECT_REF ?? "proj_set_TRIGGER_PROJECT_REF",
  dirs: ["./jobs"],
  maxDuration: 600,
  retries: { enabledInDev: false, default: { maxAttempts: 1 } },
});
