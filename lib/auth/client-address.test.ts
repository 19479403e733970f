import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("ignores the header when no proxy is trusted", () => {
    expect(clientAddress("203.0.113.5", 0)).toBeNull();
  });
  it("reads the entry the trusted proxy appended, not what the client sent first", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.5", 1)).toBe("203.0.113.5");
    expect(clientAddress("6.6.6.6, 203.0.113.5, 10.0.0.2", 2)).toBe("203.0.113.5");
  });
  it("gives nothing when the chain is shorter than the trusted hops", () => {
    expect(clientAddress("203.0.113.5", 2)).toBeNull();
    expect(clientAddress(null, 1)).toBeNull();
  });
});
