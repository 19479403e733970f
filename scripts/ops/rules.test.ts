import { describe, expect, it } from "vitest";
import { PROMTOOL, promtool, required } from "./promtool";

/** ops/prometheus/alerts.yml checked by Prometheus's own tool: it loads, and each alert fires under its condition and only then. */
describe.skipIf(!PROMTOOL && !required)("ops/prometheus/alerts.yml", () => {
  it("loads (promtool check rules)", () => {
    const r = promtool(["check", "rules", "alerts.yml"]);
    expect(r.out).toContain("SUCCESS: 5 rules found");
    expect(r.code).toBe(0);
  });

  it("fires each alert under its condition and stays quiet otherwise (promtool test rules)", () => {
    const r = promtool(["test", "rules", "alerts.test.yml", "alerts.engagement.test.yml"]);
    expect(r.out.match(/SUCCESS/g)).toHaveLength(2);
    expect(r.out).not.toContain("FAILED");
    expect(r.code).toBe(0);
  }, 120_000);
});
