import { describe, expect, it } from "vitest";
import { assertCan, can, PERMISSIONS, roleAtMost } from "./permissions";

describe("permissions", () => {
  it("gives admins everything, editors writing but no administration, viewers reading only", () => {
    for (const p of PERMISSIONS) expect(can("admin", p)).toBe(true);
    expect(can("editor", "content:write")).toBe(true);
    expect(can("editor", "schedules:write")).toBe(true);
    for (const p of ["tokens:manage", "members:manage", "accounts:manage", "webhooks:manage", "audit:read"] as const) {
      expect(can("editor", p)).toBe(false);
      expect(can("viewer", p)).toBe(false);
    }
    for (const p of PERMISSIONS)
      if (p.endsWith(":write") || p.endsWith(":manage") || p === "jobs:retry" || p === "content:approve") expect(can("viewer", p)).toBe(false);
    expect(can("viewer", "content:read")).toBe(true);
  });

  it("throws a forbidden AppError naming the permission", () => {
    expect(() => assertCan("viewer", "content:write")).toThrow(/viewer role may not do this \(content:write\)/);
  });

  it("orders roles", () => {
    expect(roleAtMost("viewer", "editor")).toBe(true);
    expect(roleAtMost("admin", "editor")).toBe(false);
  });
});
