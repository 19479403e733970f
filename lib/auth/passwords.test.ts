import { describe, expect, it } from "vitest";
import { getConfig } from "../config";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords";

// Made at the default cost (11), before the suite ran with a cheaper one.
const AT_ELEVEN = "$2b$11$i27DktTpPX.p4CFes7LrROTMi5UEAiLhsZWJx7Szg1cBcbQYnRgoe";

describe("password hashes", () => {
  it("are made at the configured cost and verify", async () => {
    const cost = getConfig().passwordHashCost;
    const hash = await hashPassword("correct horse");
    expect(hash.slice(0, 7)).toBe(`$2b$${String(cost).padStart(2, "0")}$`);
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("correct hose", hash)).toBe(false);
  });

  it("made at another cost still verify after the setting changes", async () => {
    expect(getConfig().passwordHashCost).not.toBe(11); // the suite runs with PASSWORD_HASH_COST=4
    expect(await verifyPassword("correct horse", AT_ELEVEN)).toBe(true);
    expect(await verifyPassword("Correct horse", AT_ELEVEN)).toBe(false);
  });

  it("a check for an unknown email compares against a hash all the same, and never throws", async () => {
    await expect(burnPasswordCheck("anything")).resolves.toBeUndefined();
    await expect(burnPasswordCheck("")).resolves.toBeUndefined();
  });
});
