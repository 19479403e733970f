import { describe, expect, it } from "vitest";
import { redact } from "./log";

describe("log redaction", () => {
  it("masks secret-looking keys and values wherever they are", () => {
    const out = JSON.stringify(
      redact({
        password: "p",
        nested: { apiKey: "k", authorization: "Bearer abc.def", note: "token sch_abcdefghijklmnop leaked" },
        list: ["Bearer xyz123"],
        credentials: { a: 1 },
        ok: "plain",
      }),
    );
    for (const secret of ['"p"', '"k"', "abc.def", "sch_abcdefghijklmnop", "xyz123"]) expect(out).not.toContain(secret);
    expect(out).toContain("plain");
    expect(out).toContain("[redacted]");
  });
});
