import { describe, expect, it } from "vitest";
import { evaluateGates } from "./evaluate";
import { qualityGatesSchema } from "./rules";
import type { GateSubject } from "./types";

const long = "a".repeat(300);
const subject = (content: string, variants: GateSubject["variants"] = []): GateSubject => ({
  item: { title: "T", content, summary: null, contentType: "post", tags: [], mediaIds: [] },
  variants,
  media: [],
});
const run = (rules: unknown, s: GateSubject, platforms: ("x" | "mastodon" | "sandbox")[] = ["x"]) =>
  evaluateGates(qualityGatesSchema.parse(rules), s, { stage: "submit", platforms, allowPrivateLinks: true });

describe("evaluateGates", () => {
  it("reports each platform's limit as an error by default, per platform", async () => {
    const found = await run({}, subject(long), ["x", "sandbox"]);
    expect(found).toEqual([expect.objectContaining({ rule: "platform_limits", severity: "error", platform: "x", message: expect.stringContaining("280") })]);
  });

  it("softens the platforms' errors to warnings when the admin says so, or skips them when off", async () => {
    expect((await run({ platform_limits: { enabled: true, severity: "warning" } }, subject(long))).map((f) => f.severity)).toEqual(["warning"]);
    expect(await run({ platform_limits: { enabled: false } }, subject(long))).toEqual([]);
  });

  it("uses a platform's own text for its limits, and only the chosen platforms' texts for banned words", async () => {
    const variants = [
      { platform: "x", text: "short", parts: null, mediaIds: null },
      { platform: "mastodon", text: "buy crypto now", parts: null, mediaIds: null },
    ];
    const rules = { banned_words: { enabled: true, entries: [{ text: "crypto" }] } };
    expect(await run(rules, subject(long, variants), ["x"])).toEqual([]);
    expect(await run(rules, subject(long, variants), ["mastodon"])).toEqual([
      expect.objectContaining({
        rule: "banned_words",
        platform: "mastodon",
        field: "variants.mastodon.text",
        message: "“crypto” in the mastodon text is on the workspace's banned list.",
      }),
    ]);
  });

  it("quotes the text as written (its case and spacing), and counts repeats", async () => {
    const found = await run({ banned_words: { enabled: true, entries: [{ text: "act now", severity: "warning" }] } }, subject("ACT  NOW! act now."));
    expect(found).toEqual([expect.objectContaining({ severity: "warning", message: "“ACT  NOW” in the text (2 times) is on the workspace's banned list." })]);
  });

  it("refuses links to private addresses when they are not allowed", async () => {
    const rules = qualityGatesSchema.parse({ link_check: { enabled: true, severity: "error", timeout_ms: 1000 } });
    const found = await evaluateGates(rules, subject("see http://10.1.2.3/x"), { stage: "submit", platforms: [], allowPrivateLinks: false });
    expect(found).toEqual([
      expect.objectContaining({
        rule: "link_check",
        severity: "error",
        message: "Link http://10.1.2.3/x points to a private network address; this is refused.",
      }),
    ]);
  });

  it("right before a publish, leaves platform limits to the engine and does not wait on links", async () => {
    const rules = qualityGatesSchema.parse({
      link_check: { enabled: true, severity: "error", timeout_ms: 1000 },
      banned_words: { enabled: true, entries: [{ text: "act now", severity: "error" }] },
    });
    const body = subject(`act now ${"x".repeat(600)} http://10.1.2.3/x`);
    const atSubmit = await evaluateGates(rules, body, { stage: "submit", platforms: ["bluesky"], allowPrivateLinks: false });
    expect(atSubmit.map((f) => f.rule).sort()).toEqual(["banned_words", "link_check", "platform_limits"]);
    const atPublish = await evaluateGates(rules, body, { stage: "publish", platforms: ["bluesky"], allowPrivateLinks: false });
    expect(atPublish.map((f) => f.rule)).toEqual(["banned_words"]);
  });
});
