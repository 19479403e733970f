import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call, send } from "@/scripts/test/http";
import { makeAccount, makeDue, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { createWebhookFake } from "@/adapters/fakes/webhook";
import { emitEvent } from "@/db/queries/events";
import type { Db } from "@/db/client";
import * as retry from "./schedules/[id]/retry/route";
import * as attempts from "./schedules/[id]/attempts/route";
import * as stream from "./events/stream/route";
import * as metrics from "../metrics/route";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const hook = createWebhookFake({ secret: "right" });
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

beforeAll(async () => {
  await hook.start();
  A = await makeWorkspaceWithTokens(db());
  B = await makeWorkspaceWithTokens(db());
});
afterAll(() => hook.close());

/** Opens the SSE stream as a client would and reads frames as they come. */
async function openStream(token: string, lastEventId?: string) {
  const ac = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (lastEventId !== undefined) headers["last-event-id"] = lastEventId;
  const req = new NextRequest(new URL("/api/v1/events/stream", "http://localhost:3000"), { headers, signal: ac.signal });
  const res = await send(stream.GET, req, { params: Promise.resolve({}) });
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = "";
  const frames: { id: number; event: string; data: Record<string, unknown> }[] = [];
  async function until(pred: () => boolean) {
    while (!pred()) {
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended");
      buf += dec.decode(value);
      let i: number;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const get = (k: string) =>
          frame
            .split("\n")
            .find((l) => l.startsWith(`${k}: `))
            ?.slice(k.length + 2);
        if (get("event")) frames.push({ id: Number(get("id")), event: get("event")!, data: JSON.parse(get("data")!) });
        if (frame.includes(": connected")) frames.push({ id: 0, event: "connected", data: {} });
      }
    }
  }
  return { res, frames, until, close: () => ac.abort() };
}

describe("manual retry and attempt history", () => {
  it("a failed post is retried by an editor, not a viewer; only failed, dead-lettered or skipped posts", async () => {
    const accountId = await makeAccount(db(), A.workspace.id, "webhook", { config: { api_base_url: hook.hookUrl() }, credentials: { secret: "wrong" } });
    const due = await makeDue(db(), A.workspace.id, accountId, "webhook");
    await testDispatcher(db()).drain();
    expect((await scheduleRow(db(), due.scheduleId)).publishStatus).toBe("failed");
    const params = { id: due.scheduleId };
    expect((await call(retry.POST, { method: "POST", token: A.tokens.viewer, params })).status).toBe(403);
    expect((await call(retry.POST, { method: "POST", token: B.tokens.admin, params })).status).toBe(404);

    const hist = await call(attempts.GET, { token: A.tokens.viewer, params });
    expect(hist.status).toBe(200);
    expect(hist.json!.items).toHaveLength(1);
    expect(hist.json!.items[0]).toMatchObject({
      attempt_number: 1,
      outcome: "auth",
      http_status: 401,
      error_message: expect.stringMatching(/refused the credentials/),
    });

    const ok = await call(retry.POST, { method: "POST", token: A.tokens.editor, params });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ publish_status: "pending", retry_count: 0, error_message: null });
    const again = await call(retry.POST, { method: "POST", token: A.tokens.editor, params });
    expect(again.status).toBe(409);
    expect(again.json!.error.message).toMatch(/this one is pending/);
  });
});

describe("event stream", () => {
  it("needs a signed-in member", async () => {
    const res = await send(stream.GET, new NextRequest(new URL("/api/v1/events/stream", "http://localhost:3000")), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
    expect((await call(stream.GET, { token: A.tokens.viewer, headers: { "last-event-id": "abc" } })).status).toBe(400);
  });

  it("delivers the workspace's publishing events live and nothing of other workspaces", async () => {
    const s = await openStream(A.tokens.viewer);
    expect(s.res.headers.get("content-type")).toMatch(/text\/event-stream/);
    await s.until(() => s.frames.some((f) => f.event === "connected"));
    await emitEvent(db(), B.workspace.id, "publishing_started", { schedule_id: "other" });
    const accountId = await makeAccount(db(), A.workspace.id, "sandbox");
    const due = await makeDue(db(), A.workspace.id, accountId, "sandbox");
    await testDispatcher(db()).drain();
    await s.until(() => s.frames.some((f) => f.event === "publishing_completed" && f.data.schedule_id === due.scheduleId));
    s.close();
    const mine = s.frames.filter((f) => f.data.schedule_id === due.scheduleId);
    expect(s.frames.some((f) => f.data.schedule_id === "other")).toBe(false);
    expect(mine.map((f) => f.event)).toEqual(["publishing_started", "publishing_completed"]);
    expect(mine[0]!.data).toMatchObject({ content_id: due.contentId, schedule_id: due.scheduleId, platform_id: "sandbox", timestamp: expect.any(String) });
    expect(mine[1]!.data).toMatchObject({ schedule_id: due.scheduleId, platform_post_id: expect.any(String) });
    expect(mine[1]!.id).toBeGreaterThan(mine[0]!.id);
  });

  it("a reconnect with Last-Event-ID gets what it missed first, then live events, in order", async () => {
    const first = await emitEvent(db(), A.workspace.id, "publishing_started", { schedule_id: "s1" });
    const missed1 = await emitEvent(db(), A.workspace.id, "publishing_failed", { schedule_id: "s1", error_message: "HTTP 500", retry_count: 1 });
    const missed2 = await emitEvent(db(), A.workspace.id, "publishing_started", { schedule_id: "s1" });
    const s = await openStream(A.tokens.viewer, String(first));
    await s.until(() => s.frames.filter((f) => f.event !== "connected").length >= 2);
    const live = await emitEvent(db(), A.workspace.id, "publishing_completed", { schedule_id: "s1", platform_post_id: "p1" });
    await s.until(() => s.frames.some((f) => f.id === live));
    s.close();
    expect(s.frames.filter((f) => f.event !== "connected").map((f) => f.id)).toEqual([missed1, missed2, live]);
    expect(s.frames.find((f) => f.id === missed1)!.data).toMatchObject({ error_message: "HTTP 500", retry_count: 1 });
  });
});

describe("metrics", () => {
  it("are off without METRICS_TOKEN, refuse a wrong token, and count attempts, queue and conflicts", async () => {
    const { getConfig } = await import("@/lib/config");
    const cfg = getConfig();
    const saved = cfg.metricsToken;
    try {
      cfg.metricsToken = undefined;
      const off = await call(metrics.GET, {});
      expect(off.status).toBe(404);
      expect(off.json).toMatchObject({ error: { code: "not_found:metrics", message: expect.stringMatching(/METRICS_TOKEN/) } });
      cfg.metricsToken = "metrics-token-0123456789";
      expect((await call(metrics.GET, { token: "nope" })).status).toBe(401);
      expect((await call(metrics.GET, { token: A.tokens.admin })).status).toBe(401);
      const accountId = await makeAccount(db(), A.workspace.id, "sandbox");
      await makeDue(db(), A.workspace.id, accountId, "sandbox");
      await makeDue(db(), A.workspace.id, accountId, "sandbox", { dueIn: 3600 });
      await testDispatcher(db()).drain();
      await makeDue(db(), A.workspace.id, accountId, "sandbox", { dueIn: -30 });
      const { bumpCounter } = await import("@/db/queries/metric-counters");
      await bumpCounter(db(), "scheduling_conflicts_total", "min_gap", 2);
      const res = await call(metrics.GET, { token: "metrics-token-0123456789" });
      expect(res.status).toBe(200);
      const text = res.text;
      const value = (line: string) =>
        Number(
          text
            .split("\n")
            .find((l) => l.startsWith(line + " "))
            ?.slice(line.length + 1),
        );
      expect(value('content_published_total{platform="sandbox",status="success"}')).toBeGreaterThanOrEqual(2);
      expect(value('content_publishing_duration_seconds_count{platform="sandbox"}')).toBe(
        value('content_publishing_duration_seconds_bucket{platform="sandbox",le="+Inf"}'),
      );
      expect(value('scheduled_content_waiting{platform="sandbox"}')).toBeGreaterThanOrEqual(2);
      expect(value("queue_depth")).toBeGreaterThanOrEqual(1);
      expect(value("runner_lag_seconds")).toBeGreaterThanOrEqual(29);
      expect(value('scheduling_conflicts_total{type="min_gap"}')).toBe(2);
      expect(text).toMatch(/# TYPE content_publishing_duration_seconds histogram/);
      expect(text).toMatch(/content_publishing_errors_total\{platform="webhook",error_type="auth"\} \d+/);
    } finally {
      cfg.metricsToken = saved;
    }
  });
});
