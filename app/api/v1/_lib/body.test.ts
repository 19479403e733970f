import { describe, expect, it } from "vitest";
import { drain } from "./body";

describe("drain", () => {
  it("reads a body to its end", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (++pulled > 3) c.close();
        else c.enqueue(new Uint8Array(1024));
      },
    });
    await drain(body, 5_000);
    expect(pulled).toBe(4);
  });

  it("gives up on a client that stalls mid-body, so the answer still goes out", async () => {
    let cancelled = false;
    // One chunk, then nothing: a client that declared more than it sends.
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(1));
      },
      cancel() {
        cancelled = true;
      },
    });
    const outcome = await Promise.race([drain(body, 50).then(() => "drained"), new Promise((r) => setTimeout(() => r("still waiting"), 2_000))]);
    expect(outcome).toBe("drained");
    expect(cancelled).toBe(true);
  });
});
