import { describe, expect, it } from "vitest";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import type { Db } from "@/db/client";
import { emitEvent, pruneEvents } from "@/db/queries/events";
import { consumeEvents } from "./consume";
import type { PublishingEvent } from "@/db/queries/events";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

describe("consumeEvents", () => {
  it("hands each event to each consumer once, in order", async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    const ids = [];
    for (const type of ["schedule_created", "publishing_started", "publishing_completed"] as const)
      ids.push(await emitEvent(db(), workspace.id, type, { n: ids.length }));
    const seen: Record<string, PublishingEvent[]> = { a: [], b: [] };
    const into = (k: string) => async (_tx: Db, events: PublishingEvent[]) => void seen[k]!.push(...events.filter((e) => e.workspaceId === workspace.id));
    await consumeEvents(db(), "test-a", into("a"));
    expect(seen.a!.map((e) => e.id)).toEqual(ids);
    expect(seen.a!.map((e) => e.type)).toEqual(["schedule_created", "publishing_started", "publishing_completed"]);
    expect(await consumeEvents(db(), "test-a", into("a"))).toBe(0);
    await consumeEvents(db(), "test-b", into("b"));
    expect(seen.b!.map((e) => e.id)).toEqual(ids);
  });

  it("two runners at once share the work without handing an event out twice", async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    for (let i = 0; i < 60; i++) await emitEvent(db(), workspace.id, "schedule_changed", { i });
    const handled: number[] = [];
    const handler = async (_tx: Db, events: PublishingEvent[]) => void handled.push(...events.filter((e) => e.workspaceId === workspace.id).map((e) => e.id));
    const runner = async () => {
      while ((await consumeEvents(db(), "test-race", handler, 4)) > 0);
    };
    await Promise.all([runner(), runner(), runner(), runner()]);
    expect(handled).toHaveLength(60);
    expect(new Set(handled).size).toBe(60);
  });

  it("a handler that throws leaves its batch to the next call", async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    const id = await emitEvent(db(), workspace.id, "content_submitted", {});
    await expect(consumeEvents(db(), "test-fail", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const again: number[] = [];
    await consumeEvents(db(), "test-fail", async (_tx, events) => void again.push(...events.map((e) => e.id)));
    expect(again).toContain(id);
  });

  it("pruned events take their handled marks with them", async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    await emitEvent(db(), workspace.id, "schedule_cancelled", {});
    await consumeEvents(db(), "test-prune", async () => {});
    await expect(pruneEvents(db(), -1)).resolves.toBeGreaterThan(0);
    expect(await consumeEvents(db(), "test-prune", async () => {})).toBe(0);
  });
});
