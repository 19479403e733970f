import { describe, expect, it } from "vitest";
import { saveMessage, warningSummary } from "./outcome";

describe("the composer's save message", () => {
  it("sums up several warnings in one line", () => {
    expect(warningSummary([])).toBe("");
    expect(warningSummary(["A"])).toBe("Warning: A");
    expect(warningSummary(["A", "B", "A"])).toBe("2 warnings: A · B");
    expect(saveMessage({ mode: "now", schedules: 2, warnings: ["Too close to another post", "No alt text"], waitingForApproval: false, keptOpen: 0 })).toEqual({
      message: "Publishing 2 posts now. 2 warnings: Too close to another post · No alt text",
      kind: "info",
    });
  });

  it("never says a bare scheduled or publishing when a reviewer must approve first", () => {
    expect(saveMessage({ mode: "schedule", schedules: 1, warnings: [], waitingForApproval: true, keptOpen: 0 }).message).toBe(
      "Scheduled 1 post — waiting for approval.",
    );
    expect(
      saveMessage({
        mode: "schedule",
        schedules: 2,
        summary: "Moved 2 posts to Mon 1 Jun 2031, 09:00 UTC",
        warnings: [],
        waitingForApproval: true,
        keptOpen: 0,
      }).message,
    ).toBe("Moved 2 posts to Mon 1 Jun 2031, 09:00 UTC — waiting for approval.");
    expect(saveMessage({ mode: "now", schedules: 1, warnings: [], waitingForApproval: true, keptOpen: 0 }).message).toBe(
      "1 post will publish as soon as a reviewer approves.",
    );
  });

  it("says that Save draft keeps the schedules", () => {
    expect(saveMessage({ mode: "draft", schedules: 0, warnings: [], waitingForApproval: true, keptOpen: 2 })).toEqual({
      message: "Draft saved — the 2 posts scheduled stay as they are.",
      kind: "success",
    });
    expect(saveMessage({ mode: "draft", schedules: 0, warnings: [], waitingForApproval: false, keptOpen: 0 }).message).toBe("Draft saved.");
  });
});
