import { describe, expect, it } from "vitest";
import { actionsFor } from "./actions";

describe("the controls a schedule offers", () => {
  it("follow the status", () => {
    expect(actionsFor("pending")).toEqual(["pause", "settings", "clone", "cancel"]);
    expect(actionsFor("paused")).toContain("resume");
    expect(actionsFor("failed")).toEqual(["retry", "clone"]);
    expect(actionsFor("publishing")).toEqual([]);
    expect(actionsFor("no such status")).toEqual([]);
  });

  it("offer no Resume on a post the engine holds for a decision or for approval", () => {
    // Resume would publish a missed post without its decision (audit, event, approval check).
    expect(actionsFor("paused", "missed_ask")).not.toContain("resume");
    expect(actionsFor("paused", "missed_ask")).toEqual(["clone", "cancel"]);
    expect(actionsFor("paused", "awaiting_approval")).not.toContain("resume");
    // Paused by a person: Resume as before.
    expect(actionsFor("paused", null)).toContain("resume");
  });
});
