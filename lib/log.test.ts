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

  it("drops a failed query's parameters and keeps the driver's error code", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_lower_idx"'), { code: "23505" });
    const err = new Error("Failed query: insert into users (email, password_hash) values ($1, $2)\nparams: bob@example.com,$2b$11$abcdefghijklmnopqrstuv", {
      cause,
    });
    const out = JSON.stringify(redact({ err }));
    expect(out).not.toContain("bob@example.com");
    expect(out).not.toContain("$2b$11$");
    expect(out).toContain("Failed query: insert into users");
    expect(out).toContain('"code":"23505"');
    expect(out).toContain("users_email_lower_idx");
  });
});
