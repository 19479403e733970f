import { describe, expect, it } from "vitest";
import { isoInZone, offsetFinder, wallFinder } from "./fast";
import { wallMs } from "./local";
import { utcToLocal } from "./zone";

describe("offsetFinder", () => {
  it("agrees with the exact conversion every 7 minutes across both 2026 changes in three zones", () => {
    for (const tz of ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]) {
      const find = offsetFinder(tz);
      for (const [from, to] of [
        ["2026-03-27", "2026-04-07"],
        ["2026-10-23", "2026-11-03"],
      ]) {
        for (let ms = Date.parse(from!); ms < Date.parse(to!); ms += 7 * 60_000) {
          expect(find(ms), `${tz} ${new Date(ms).toISOString()}`).toBe(utcToLocal(new Date(ms), tz).offsetMinutes);
        }
      }
    }
  });

  it("writes instants with the zone's offset", () => {
    const find = offsetFinder("Europe/Berlin");
    expect(isoInZone(Date.parse("2026-03-29T00:59:00Z"), find)).toBe("2026-03-29T01:59:00+01:00");
    expect(isoInZone(Date.parse("2026-03-29T01:00:00Z"), find)).toBe("2026-03-29T03:00:00+02:00");
    expect(isoInZone(Date.parse("2026-07-01T12:00:00.500Z"), offsetFinder("America/St_Johns"))).toBe("2026-07-01T09:30:00-02:30");
  });

  it("writes the same ISO text as the zone conversion, and the same wall time, every 97 minutes over years and zones", () => {
    const p = (n: number) => String(n).padStart(2, "0");
    for (const tz of ["Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC"]) {
      const find = offsetFinder(tz);
      const wall = wallFinder(tz);
      for (let ms = Date.parse("2025-12-20T00:00:00.250Z"); ms < Date.parse("2027-01-10"); ms += 97 * 60_000 + 1_001) {
        const l = utcToLocal(new Date(ms), tz);
        const off = Math.abs(l.offsetMinutes);
        const expected = `${l.year}-${p(l.month)}-${p(l.day)}T${p(l.hour)}:${p(l.minute)}:${p(l.second)}${l.offsetMinutes < 0 ? "-" : "+"}${p(Math.floor(off / 60))}:${p(off % 60)}`;
        expect(isoInZone(ms, find), `${tz} ${new Date(ms).toISOString()}`).toBe(expected);
        expect(wall(ms)).toBe(wallMs(l));
      }
    }
  });
});
