import { describe, expect, it } from "vitest";
import { withTestDatabase } from "@/scripts/test/fixtures";
import { insertUser } from "@/db/queries/users";
import { authenticate, ThrottledError } from "./signin";
import { hashPassword } from "./passwords";

const ref = withTestDatabase();
const policy = { maxFailures: 3, lockoutMinutes: 15 };

async function user(email: string, password: string) {
  await insertUser(ref.current.db, { email, name: "U", passwordHash: await hashPassword(password) });
}

describe("sign-in", () => {
  it("accepts the right password (any email case) and refuses a wrong one", async () => {
    await user("right@example.com", "correct horse");
    const ok = await authenticate(ref.current.db, policy, "Right@Example.com", "correct horse", "10.0.0.1");
    expect(ok?.email).toBe("right@example.com");
    expect(await authenticate(ref.current.db, policy, "right@example.com", "wrong", "10.0.0.1")).toBeNull();
    expect(await authenticate(ref.current.db, policy, "nobody@example.com", "whatever", "10.0.0.1")).toBeNull();
  });

  it("locks the email after repeated failures, even for the right password, from any address", async () => {
    await user("target@example.com", "s3cret-pass");
    for (let i = 0; i < policy.maxFailures; i++) {
      expect(await authenticate(ref.current.db, policy, "target@example.com", `guess-${i}`, `10.0.0.${i}`)).toBeNull();
    }
    await expect(authenticate(ref.current.db, policy, "target@example.com", "s3cret-pass", "10.9.9.9")).rejects.toBeInstanceOf(ThrottledError);
    await expect(authenticate(ref.current.db, policy, "target@example.com", "s3cret-pass", null)).rejects.toThrow(/Too many failed sign-ins/);
  });

  it("does not lock other accounts and forgets failures after a success", async () => {
    await user("other@example.com", "pass-word-1");
    expect(await authenticate(ref.current.db, policy, "other@example.com", "nope", null)).toBeNull();
    expect(await authenticate(ref.current.db, policy, "other@example.com", "nope", null)).toBeNull();
    expect(await authenticate(ref.current.db, policy, "other@example.com", "pass-word-1", null)).not.toBeNull();
    // Counter was reset: two more failures still stay under the limit of three.
    expect(await authenticate(ref.current.db, policy, "other@example.com", "nope", null)).toBeNull();
    expect(await authenticate(ref.current.db, policy, "other@example.com", "nope", null)).toBeNull();
    expect(await authenticate(ref.current.db, policy, "other@example.com", "pass-word-1", null)).not.toBeNull();
  });
});

describe("sign-in under parallel guessing", () => {
  it("lets no more than the allowed number of guesses reach the password check", async () => {
    await user("parallel@example.com", "the-right-one");
    const guesses = Array.from({ length: 20 }, (_, i) => (i === 19 ? "the-right-one" : `guess-${i}`));
    const results = await Promise.allSettled(guesses.map((g) => authenticate(ref.current.db, policy, "parallel@example.com", g, null)));
    const checked = results.filter((r) => r.status === "fulfilled").length;
    const throttled = results.filter((r) => r.status === "rejected" && r.reason instanceof ThrottledError).length;
    expect(checked).toBeLessThanOrEqual(policy.maxFailures);
    expect(checked + throttled).toBe(guesses.length);
    await expect(authenticate(ref.current.db, policy, "parallel@example.com", "the-right-one", null)).rejects.toBeInstanceOf(ThrottledError);
  });

  it("limits one client address across many accounts", async () => {
    for (let i = 0; i < policy.maxFailures * 4; i++) {
      expect(await authenticate(ref.current.db, policy, `spray-${i}@example.com`, "x", "203.0.113.9")).toBeNull();
    }
    await expect(authenticate(ref.current.db, policy, "spray-last@example.com", "x", "203.0.113.9")).rejects.toBeInstanceOf(ThrottledError);
    expect(await authenticate(ref.current.db, policy, "spray-last@example.com", "x", "203.0.113.10")).toBeNull();
  });

  it("does not count successful sign-ins against a shared address", async () => {
    await user("office@example.com", "office-pass");
    for (let i = 0; i < policy.maxFailures * 4 + 5; i++) {
      expect(await authenticate(ref.current.db, policy, "office@example.com", "office-pass", "198.51.100.7")).not.toBeNull();
    }
  });
});
