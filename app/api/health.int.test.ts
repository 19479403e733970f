import { describe, expect, it } from "vitest";
import { setDatabaseForTests } from "@/lib/database";
import { openDatabase } from "@/db/client";
import { withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { TEST_DRIVER } from "@/db/testing";
import * as health from "./health/route";

const ref = withTestDatabase();

describe("GET /api/health", () => {
  it("answers 200 with the database driver, runner and version", async () => {
    const r = await call(health.GET as never);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: "ok",
      db: { ok: true, driver: TEST_DRIVER },
      runner: { driver: expect.any(String), runner_id: null },
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(r.json!.queue).toEqual({ due: 0, oldest_due_seconds: 0, publishing: 0 });
  });

  it("shows the queue: posts due and how long the oldest has waited", async () => {
    const { makeWorkspace } = await import("@/scripts/test/fixtures");
    const { makeAccount, makeDue } = await import("@/scripts/test/publishing");
    const { workspace } = await makeWorkspace(ref.current.db, ["admin"]);
    const accountId = await makeAccount(ref.current.db, workspace.id, "sandbox");
    await makeDue(ref.current.db, workspace.id, accountId, "sandbox", { dueIn: -90 });
    await makeDue(ref.current.db, workspace.id, accountId, "sandbox", { dueIn: 600 });
    const r = await call(health.GET as never);
    expect(r.json!.queue.due).toBe(1);
    expect(r.json!.queue.oldest_due_seconds).toBeGreaterThanOrEqual(89);
  });

  it("answers 503 naming the database when it is unreachable", async () => {
    // Nothing listens on port 1: every query fails to connect.
    const dead = await openDatabase({ databaseUrl: "postgres://nobody@127.0.0.1:1/none" });
    setDatabaseForTests(dead);
    try {
      const r = await call(health.GET as never);
      expect(r.status).toBe(503);
      expect(r.json).toMatchObject({ status: "error", failing: ["db"], db: { ok: false, error: "connection refused" } });
      // The public answer names the part, not the server: no host, port or user.
      expect(r.text).not.toMatch(/127\.0\.0\.1|nobody|:1\b/);
    } finally {
      setDatabaseForTests(ref.current);
      await dead.close();
    }
  });
});
