import http from "node:http";
import zlib from "node:zlib";
import { expect, test } from "./fixtures";
import { PACKED_HEADER } from "../lib/http/encoding";
import { person, signUp } from "./helpers";
import { sendRaw as send, type RawAnswer as Answer } from "../scripts/test/raw-request";

/**
 * The request pipeline against the real server (`npm start`), over real sockets: every request
 * gets an HTTP answer with the JSON error body — huge bodies, bodies nobody reads, long paths,
 * methods and paths no route serves — and the app's own pages may DELETE and POST without a body.
 */

const MiB = 1024 * 1024;

/** A GET's raw answer: status, headers and the body's bytes as sent (not decoded). */
function getBytes(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

const errorCode = (a: Answer) => (JSON.parse(a.body) as { error: { code: string } }).error.code;

test.describe("the API answers every request", () => {
  test.skip(({ isMobile }) => isMobile, "no screen here: once per server is enough");
  test.setTimeout(120_000);

  test("limits, unknown paths and methods, bodyless cookie requests", async ({ page, baseURL }, info) => {
    const me = person(info, "limits");
    await signUp(page, me);

    // The app's pages call the API with the session cookie: DELETE and POST without a body.
    const made = await page.evaluate(async () => {
      const r = await fetch("/api/v1/tokens", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "e2e", role: "admin" }),
      });
      return { status: r.status, json: (await r.json()) as { id: string; token: string } };
    });
    expect(made.status).toBe(201);
    const other = await page.evaluate(
      async () =>
        (
          (await (
            await fetch("/api/v1/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "to revoke" }) })
          ).json()) as { id: string }
        ).id,
    );
    expect(await page.evaluate(async (id) => (await fetch(`/api/v1/tokens/${id}`, { method: "DELETE" })).status, other)).toBe(204);
    expect(await page.evaluate(async () => (await fetch("/api/v1/notifications/read-all", { method: "POST" })).status)).toBe(200);

    const anonymous = await send(baseURL!, "POST", "/api/v1/content", 50 * MiB, { "content-type": "application/json" });
    expect(anonymous.error).toBeNull();
    expect(anonymous.status).toBe(401);

    const auth = { authorization: `Bearer ${made.json.token}`, "content-type": "application/json" };
    const big = await send(baseURL!, "POST", "/api/v1/content", 200 * MiB, auth);
    expect(big.error).toBeNull();
    expect(big.status).toBe(413);
    expect(errorCode(big)).toBe("payload_too_large");
    expect(big.headers["ratelimit-limit"]).toBeDefined();

    const signIn = await send(baseURL!, "POST", "/api/auth/callback/credentials", 300 * MiB, { "content-type": "application/x-www-form-urlencoded" });
    expect(signIn.error).toBeNull();
    expect(signIn.status).toBe(413);
    expect(errorCode(signIn)).toBe("payload_too_large");

    const uuid = "00000000-0000-4000-8000-000000000000";
    const bodyless = await send(baseURL!, "POST", `/api/v1/schedules/${uuid}/pause`, 20 * MiB, auth);
    expect(bodyless.error).toBeNull();
    expect(bodyless.status).toBe(404);
    expect(errorCode(bodyless)).toBe("not_found:schedule");

    for (const length of [10_000, 100_000]) {
      const long = await send(baseURL!, "GET", `/api/v1/${"a".repeat(length)}`, 0, auth);
      expect(long.error, `${length}`).toBeNull();
      expect(long.status).toBe(404);
      expect(errorCode(long)).toBe("not_found:route");
    }

    const put = await send(baseURL!, "PUT", "/api/v1/content", 0, auth);
    expect(put.status).toBe(405);
    expect(errorCode(put)).toBe("method_not_allowed");
    expect(put.headers.allow).toContain("POST");

    const nul = await send(baseURL!, "GET", "/api/v1/content?q=%00", 0, auth);
    expect(nul.status).toBe(400);
    expect(nul.body).toContain('"field":"q"');

    // What Next.js cannot answer itself gets a JSON answer from the server's front door: a path
    // with broken percent-encoding (a bare 500 before), and headers past the limit (a bare 431 and a reset).
    for (const p of ["/api/v1/schedules/%C0%AE", "/content/%E0%A4%A"]) {
      const broken = await send(baseURL!, "DELETE", p, 1 * MiB, auth);
      expect(broken.error, p).toBeNull();
      expect(broken.status, p).toBe(400);
      expect(errorCode(broken)).toBe("bad_request:path");
    }
    // GETs outside the API wrapper read an unwanted body off the wire before answering too.
    for (const p of ["/api/v1/openapi.json", "/api/health"]) {
      const withBody = await send(baseURL!, "GET", p, 20 * MiB, { "content-type": "multipart/form-data; boundary=x" });
      expect(withBody.error, p).toBeNull();
      expect(withBody.status, p).toBe(200);
    }
    // Answers are packed once: the calendar's kept answer goes out packed by the app, the rest by
    // the front door, each in the coding asked for, and one decoding gives the JSON.
    const packings: [string, string][] = [
      ["/api/v1/schedules/calendar?start_date=2031-01-01&end_date=2031-01-31", "gzip, deflate, br"],
      ["/api/v1/schedules/calendar?start_date=2031-01-01&end_date=2031-01-31", "gzip"],
      ["/api/v1/openapi.json", "br"],
    ];
    for (const [path, accept] of packings) {
      const packed = await getBytes(`${baseURL}${path}`, { authorization: auth.authorization, "accept-encoding": accept });
      const coding = accept.includes("br") ? "br" : "gzip";
      expect(packed.headers["content-encoding"], `${path} ${accept}`).toBe(coding);
      expect(packed.headers[PACKED_HEADER]).toBeUndefined();
      const text = (coding === "br" ? zlib.brotliDecompressSync(packed.body) : zlib.gunzipSync(packed.body)).toString();
      expect(() => JSON.parse(text), `${path} ${accept}`).not.toThrow();
    }
    const huge = await send(baseURL!, "GET", `/api/v1/${"a".repeat(300_000)}`, 0, auth);
    expect(huge.error).toBeNull();
    expect(huge.status).toBe(431);
    expect(errorCode(huge)).toBe("request_header_fields_too_large");
  });
});
