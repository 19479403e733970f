import { describe, expect, it } from "vitest";
import {
  approvalState,
  canSubmit,
  changedChars,
  decisionRefusal,
  editOutcome,
  isApprover,
  lineDiff,
  mentionHandles,
  needsApproval,
  otherChanged,
  resolveMentions,
  roleCovered,
  snapshotDistance,
} from "./state";

const policy = (o: Partial<{ approvalPolicy: string; fourEyes: boolean; approverIds: string[] }> = {}) => ({
  approvalPolicy: "required_for_all",
  fourEyes: false,
  approverIds: [],
  ...o,
});

describe("approval state", () => {
  it("follows the latest request, and an approval counts only for its version", () => {
    expect(approvalState(null, 1)).toBe("draft");
    expect(approvalState({ status: "withdrawn", contentVersion: 1 }, 1)).toBe("draft");
    expect(approvalState({ status: "pending", contentVersion: 1 }, 2)).toBe("in_review");
    expect(approvalState({ status: "approved", contentVersion: 3 }, 3)).toBe("approved");
    expect(approvalState({ status: "approved", contentVersion: 3 }, 4)).toBe("outdated");
    expect(approvalState({ status: "changes_requested", contentVersion: 3 }, 3)).toBe("changes_requested");
    expect(approvalState({ status: "rejected", contentVersion: 3 }, 3)).toBe("rejected");
  });

  it("refuses a second submit while in review or already approved", () => {
    expect(canSubmit("in_review")).toMatchObject({ ok: false, reason: expect.stringMatching(/already waiting/) });
    expect(canSubmit("approved")).toMatchObject({ ok: false });
    for (const s of ["draft", "changes_requested", "rejected", "outdated"] as const) expect(canSubmit(s).ok).toBe(true);
  });

  it("edits: review follows, approved goes back to review unless minor and allowed, changes requested resubmits", () => {
    expect(editOutcome("in_review", 40, 0)).toBe("refresh_review");
    expect(editOutcome("approved", 3, 0)).toBe("resubmit");
    expect(editOutcome("approved", 3, 5)).toBe("keep_approval");
    expect(editOutcome("approved", 6, 5)).toBe("resubmit");
    expect(editOutcome("approved", 0, 5)).toBe("resubmit");
    expect(editOutcome("changes_requested", 1, 50)).toBe("resubmit");
    expect(editOutcome("draft", 10, 0)).toBe("none");
    expect(editOutcome("rejected", 10, 0)).toBe("none");
    expect(editOutcome("outdated", 3, 5)).toBe("keep_approval");
    expect(editOutcome("outdated", 6, 5)).toBe("resubmit");
  });
});

describe("who decides", () => {
  const item = { authorId: "author", requestedBy: "author" };
  it("admins by default; only the designated approvers when there are some", () => {
    expect(decisionRefusal(policy(), { userId: "a1", role: "admin" }, item)).toBeNull();
    expect(decisionRefusal(policy(), { userId: "e1", role: "editor" }, item)).toMatch(/Only admins/);
    const designated = policy({ approverIds: ["e1"] });
    expect(decisionRefusal(designated, { userId: "e1", role: "editor" }, item)).toBeNull();
    expect(decisionRefusal(designated, { userId: "a1", role: "admin" }, item)).toMatch(/designated approvers/);
    expect(isApprover(designated, { userId: "e1", role: "editor" })).toBe(true);
    expect(isApprover(policy(), { userId: "v", role: "viewer" })).toBe(false);
  });

  it("four eyes: never the author or the submitter", () => {
    const four = policy({ fourEyes: true });
    expect(decisionRefusal(four, { userId: "author", role: "admin" }, item)).toMatch(/Four-eyes/);
    expect(decisionRefusal(four, { userId: "sub", role: "admin" }, { authorId: "x", requestedBy: "sub" })).toMatch(/Four-eyes/);
    expect(decisionRefusal(four, { userId: "other", role: "admin" }, item)).toBeNull();
    expect(decisionRefusal(policy(), { userId: "author", role: "admin" }, item)).toBeNull();
  });
});

describe("text helpers", () => {
  it("counts changed characters", () => {
    expect(changedChars("hello world", "hello world")).toBe(0);
    expect(changedChars("teh launch", "the launch")).toBe(2);
    expect(changedChars("abc", "abcd")).toBe(1);
    expect(changedChars("", "x".repeat(500))).toBe(200);
    expect(snapshotDistance({ title: "T", content: "body", variants: { x: "a" } }, { title: "T", content: "bodi", variants: { x: "a", bluesky: "zz" } })).toBe(
      3,
    );
  });

  it("diffs lines", () => {
    expect(lineDiff("a\nb\nc", "a\nB\nc\nd")).toEqual([
      { op: "same", text: "a" },
      { op: "del", text: "b" },
      { op: "add", text: "B" },
      { op: "same", text: "c" },
      { op: "add", text: "d" },
    ]);
    expect(lineDiff("same", "same")).toEqual([{ op: "same", text: "same" }]);
  });

  it("finds mentions and resolves them to members", () => {
    const members = [
      { userId: "u1", email: "ana.lopez@example.com", name: "Ana Lopez" },
      { userId: "u2", email: "bo@example.com", name: "Bo" },
    ];
    const handles = mentionHandles("@ana.lopez please check, cc @bo@example.com and @nobody. Mail me at x@y.z");
    expect(handles).toEqual(["ana.lopez", "bo@example.com", "nobody"]);
    expect(resolveMentions(handles, members)).toEqual(["u1", "u2"]);
    expect(resolveMentions(mentionHandles("thanks @AnaLopez!"), members)).toEqual(["u1"]);
    expect(resolveMentions(mentionHandles("no mentions here"), members)).toEqual([]);
  });
});

describe("who needs approval", () => {
  it("judges the roles changes were made under; system and a departed author count as covered", () => {
    expect(["admin", "editor", "viewer", "system", null].map((r) => roleCovered("required_for_editors", r))).toEqual([false, true, true, true, true]);
    expect(["admin", "system"].map((r) => roleCovered("required_for_all", r))).toEqual([true, true]);
    expect(["editor", "system"].map((r) => roleCovered("off", r))).toEqual([false, false]);
    expect(needsApproval("required_for_editors", ["admin"])).toBe(false);
    expect(needsApproval("required_for_editors", ["admin", "editor"])).toBe(true);
    // Nothing changed since the last approval: nothing to approve.
    expect(needsApproval("required_for_all", [])).toBe(false);
  });

  it("a change beside the texts is told apart; old snapshots without it compare on texts alone", () => {
    const a = { title: "t", content: "c", variants: {}, other: '{"media":[]}' };
    expect(otherChanged(a, { ...a, other: '{"media":[["m",null]]}' })).toBe(true);
    expect(otherChanged(a, { ...a })).toBe(false);
    expect(otherChanged({ title: "t", content: "c", variants: {} }, a)).toBe(false);
  });
});
