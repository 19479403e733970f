import { describe, expect, it } from "vitest";
import type { HttpResponse } from "../http";
import { DEFAULT_THROTTLE_MS, QUOTA_WAIT_MS, classifyGraph, usageWaitMs } from "./errors";
import { versionPrefix } from "./graph";
import { matchSince, pickMatch, parseGraphTime } from "./matching";
import { multipartBody, parseMultipart } from "./multipart";
import { graphErrorJson } from "./fake";
import { postOf } from "../fakes/context";

function res(status: number, code: number, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): HttpResponse {
  const data = graphErrorJson(code, `(#${code}) something`, {});
  Object.assign(data.error, extra);
  return { status, headers: new Headers(headers), data, text: JSON.stringify(data) };
}
const kind = (r: HttpResponse, write = true) => classifyGraph("Facebook", "publish the post", r, write)?.kind ?? null;

describe("Graph error mapping", () => {
  it("token problems are auth errors whatever the HTTP status", () => {
    expect(kind(res(400, 190))).toBe("auth");
    expect(kind(res(401, 190, { error_subcode: 463 }))).toBe("auth");
    for (const code of [102, 463, 467]) expect(kind(res(400, code))).toBe("auth");
    expect(kind(res(400, 102, { type: "GraphMethodException" }))).toBe("permanent");
    expect(kind(res(403, 200))).toBe("auth"); // missing permission: reconnect and grant it
  });

  it("throttling codes are rate limits; the usage header's minutes win, then Retry-After, then our default", () => {
    for (const code of [4, 17, 32, 613, 80001, 80014]) expect(kind(res(400, code))).toBe("rate_limited");
    const buc = { "x-business-use-case-usage": JSON.stringify({ "123": [{ type: "pages", call_count: 100, estimated_time_to_regain_access: 12 }] }) };
    expect(classifyGraph("Facebook", "x", res(400, 32, {}, buc), true)?.retryAfterMs).toBe(12 * 60_000);
    expect(classifyGraph("Facebook", "x", res(400, 4, {}, { "retry-after": "30" }), true)?.retryAfterMs).toBe(30_000);
    expect(classifyGraph("Facebook", "x", res(400, 17), true)?.retryAfterMs).toBe(DEFAULT_THROTTLE_MS);
    expect(classifyGraph("Instagram", "x", res(400, 9, { error_subcode: 2207042 }), true)?.retryAfterMs).toBe(QUOTA_WAIT_MS);
  });

  it("spam blocks are permanent even under a throttling code", () => {
    expect(kind(res(400, 4, { error_subcode: 2207051 }))).toBe("permanent");
  });

  it("codes 1 and 2, transient errors and 'media not ready' are retryable; anything else is permanent with Meta's words", () => {
    expect(kind(res(500, 1))).toBe("retryable");
    expect(kind(res(400, 2))).toBe("retryable");
    expect(kind(res(400, 100, { is_transient: true }))).toBe("retryable");
    expect(kind(res(400, 9007, { error_subcode: 2207027 }))).toBe("retryable");
    const err = classifyGraph("Facebook", "publish the post", res(400, 100, { error_user_msg: "The link is broken." }), true);
    expect([err?.kind, err?.message, err?.platformCode]).toEqual(["permanent", "Facebook refused to publish the post: The link is broken.", "100"]);
  });

  it("defers to the default mapping for non-Graph bodies and for a gateway timeout on a write", () => {
    expect(classifyGraph("Facebook", "x", { status: 500, headers: new Headers(), data: { error: "boom" }, text: "" }, true)).toBeNull();
    expect(kind(res(504, 2), true)).toBeNull();
    expect(kind(res(504, 2), false)).toBe("retryable");
  });

  it("usageWaitMs reads nested and flat headers and ignores unreadable ones", () => {
    expect(usageWaitMs(new Headers({ "x-page-usage": JSON.stringify({ call_count: 96, estimated_time_to_regain_access: 3 }) }))).toBe(180_000);
    expect(usageWaitMs(new Headers({ "x-app-usage": JSON.stringify({ call_count: 100 }) }))).toBeNull();
    expect(usageWaitMs(new Headers({ "x-business-use-case-usage": "{not json" }))).toBeNull();
  });
});

describe("Graph helpers", () => {
  it("versioned paths unless the base URL already carries a version", () => {
    expect(versionPrefix({ baseUrl: "https://graph.facebook.com", config: {} }, "v24.0")).toBe("/v24.0");
    expect(versionPrefix({ baseUrl: "https://graph.facebook.com", config: { graph_api_version: "v25.0" } }, "v24.0")).toBe("/v25.0");
    expect(versionPrefix({ baseUrl: "https://graph.threads.net/v1.0/", config: {} }, "v1.0")).toBe("");
  });

  it("matching needs the same text and a creation time since the first attempt", () => {
    const post = postOf({ state: { first_attempt_at: "2026-03-01T12:00:00.000Z" } });
    const since = matchSince(post);
    expect(since).toBe(Date.parse("2026-03-01T11:50:00.000Z"));
    const items = [
      { id: "new", text: "Hi\r\n there ", timestamp: "2026-03-01T12:01:00+0000" },
      { id: "old", text: "Hi\n there", timestamp: "2026-02-20T12:00:00+0000" },
    ];
    expect(pickMatch(items, { text: "text", time: "timestamp" }, "Hi\n there", since)?.id).toBe("new");
    expect(pickMatch(items.slice(1), { text: "text", time: "timestamp" }, "Hi\n there", since)).toBeNull();
    expect(parseGraphTime("2026-03-01T12:01:00+0000")).toBe(Date.parse("2026-03-01T12:01:00Z"));
  });

  it("multipart bodies round-trip text fields and files", () => {
    const file = Buffer.from([0xff, 0xd8, 0x0d, 0x0a, 0x00, 0x2d, 0x2d]);
    const { body, contentType } = multipartBody([
      { name: "caption", value: "Ünïcode\r\nline" },
      { name: "source", file, filename: "a.jpg", contentType: "image/jpeg" },
    ]);
    const parts = parseMultipart(body, contentType)!;
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ["caption", null, null],
      ["source", "a.jpg", "image/jpeg"],
    ]);
    expect(parts[0]!.data.toString("utf8")).toBe("Ünïcode\r\nline");
    expect(parts[1]!.data.equals(file)).toBe(true);
    expect(parseMultipart(body, "application/json")).toBeNull();
  });
});
