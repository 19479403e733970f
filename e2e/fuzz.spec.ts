import { expect, test } from "./fixtures";
import { formatFindings, formatSlowest, formatTable, runFuzz } from "../scripts/fuzz/engine";

// A bounded run of the fuzz suite (`npm run fuzz` runs 10,000 and more) against the real built
// server: once per database driver, so not on the phone-sized project, which shares the PGlite app.
const RUNS = Number(process.env.FUZZ_E2E_RUNS ?? 1_000);

test("the API answers every odd request with a clean refusal and changes nothing it refuses", async ({ baseURL }, info) => {
  test.skip(info.project.name === "mobile", "one run per database driver");
  test.setTimeout(12 * 60_000);
  const report = await runFuzz({ base: baseURL!, runs: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined });
  await info.attach("fuzz statuses", { body: formatTable(report), contentType: "text/plain" });
  console.log(
    `fuzz (${info.project.name}): ${report.requests} requests in ${report.seconds.toFixed(0)} s, seed ${report.seed}, ${report.verified} refused writes checked unchanged; slowest: ${formatSlowest(report)}`,
  );
  expect(report.requests).toBeGreaterThanOrEqual(RUNS);
  expect(report.verified).toBeGreaterThan(0);
  expect(
    report.findings.map((f) => f.key),
    formatFindings(report, RUNS),
  ).toEqual([]);
});
