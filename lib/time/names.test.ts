import { describe, expect, it } from "vitest";
import { currentZoneName, zoneNames } from "./names";

describe("zone names", () => {
  it("gives the current name of a zone ICU still reports under an old one", () => {
    expect(currentZoneName("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(currentZoneName("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(currentZoneName("Europe/Berlin")).toBe("Europe/Berlin");
    expect(currentZoneName("Not/AZone")).toBe("Not/AZone");
  });
  it("lists every zone once, under its current name, UTC first", () => {
    const names = zoneNames();
    expect(names[0]).toBe("UTC");
    expect(names).toContain("Asia/Kolkata");
    expect(names).not.toContain("Asia/Calcutta");
    expect(new Set(names).size).toBe(names.length);
  });
});
