/**
 * `npm run bench:body`: starts the built app (`npm start`, embedded database in a fresh DATA_DIR)
 * and sends it what used to hurt: a 200 MiB JSON body to POST /api/v1/content (with a valid token,
 * with and without Content-Length), 300 MiB to the sign-in endpoint, bodies to routes that take
 * none, and 10 KB / 100 KB paths. Prints each answer and the server's resident memory (VmRSS
 * from /proc) before and after. BENCH_PORT (default 3500) picks the port.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { sendRaw, type RawAnswer } from "../test/raw-request";

const PORT = Number(process.env.BENCH_PORT ?? 3500);
const MiB = 1024 * 1024;
const PASSWORD = "bench-password-1";

type Answer = RawAnswer;
const send = (method: string, p: string, bytes: number, headers: Record<string, string> = {}, withLength = true) =>
  sendRaw(`http://127.0.0.1:${PORT}`, method, p, bytes, headers, withLength);

/** Every process started under `root` (npm → tsx → next start → server). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${d}/status`, "utf8"))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(root);
  return out;
}

function rssKiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The server process: the descendant using the most memory (the others are thin launchers). */
const serverPid = (root: number) => descendants(root).sort((a, b) => rssKiB(b) - rssKiB(a))[0]!;

async function waitFor(url: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

/** Signs in as the demo admin the way the sign-in page does, and creates an API token. */
async function token(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => res.headers.getSetCookie().forEach((c) => jar.set(c.split("=")[0]!, c.split(";")[0]!));
  const cookies = () => [...jar.values()].join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies() },
    body: new URLSearchParams({ csrfToken, email: "admin@example.com", password: PASSWORD, json: "true" }),
  });
  keep(signIn);
  const res = await fetch(`${base}/api/v1/tokens`, {
    method: "POST",
    headers: { cookie: cookies(), origin: base.replace("127.0.0.1", "localhost"), "content-type": "application/json" },
    body: JSON.stringify({ name: "bench", role: "admin" }),
  });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-body-"));
  const app = spawn("npm", ["start"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR: dataDir,
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      DEMO_ADMIN_PASSWORD: PASSWORD,
      RUNNER_ENABLED: "false",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitFor(`${base}/api/health`);
    const auth = { authorization: `Bearer ${await token(base)}`, "content-type": "application/json" };
    const pid = serverPid(app.pid!);
    // Start-up (migrations, seeding) leaves garbage behind; one small refused body and a pause let
    // the collector settle so the figures below are about the big bodies only.
    await send("POST", "/api/v1/content", 2 * MiB, auth);
    await new Promise((r) => setTimeout(r, 3000));
    const show = (name: string, a: Answer) =>
      console.log(`${name.padEnd(58)} → ${a.status ?? "no answer"}${a.error ? ` (then ${a.error})` : ""} ${a.body.slice(0, 90)}`);
    const rss0 = rssKiB(pid);
    console.log(`server pid ${pid}, VmRSS before: ${(rss0 / 1024).toFixed(1)} MiB`);
    for (const [name, withLength] of [
      ["POST /api/v1/content, 200 MiB, Content-Length", true],
      ["POST /api/v1/content, 200 MiB, chunked", false],
    ] as const) {
      const before = rssKiB(pid);
      const t = performance.now();
      const a = await send("POST", "/api/v1/content", 200 * MiB, auth, withLength);
      show(name, a);
      await new Promise((r) => setTimeout(r, 500));
      console.log(
        `${"".padEnd(58)}   ${((performance.now() - t) / 1000).toFixed(1)} s, VmRSS ${(before / 1024).toFixed(1)} → ${(rssKiB(pid) / 1024).toFixed(1)} MiB (grew ${((rssKiB(pid) - before) / 1024).toFixed(1)} MiB)`,
      );
    }
    const before = rssKiB(pid);
    show(
      "POST /api/auth/callback/credentials, 300 MiB, no account",
      await send("POST", "/api/auth/callback/credentials", 300 * MiB, { "content-type": "application/x-www-form-urlencoded" }),
    );
    console.log(`${"".padEnd(58)}   VmRSS ${(before / 1024).toFixed(1)} → ${(rssKiB(pid) / 1024).toFixed(1)} MiB`);
    const uuid = "00000000-0000-4000-8000-000000000000";
    show("GET /api/v1/content with a 20 MiB body", await send("GET", "/api/v1/content", 20 * MiB, auth));
    show("POST /api/v1/schedules/{id}/pause (no body) with 20 MiB", await send("POST", `/api/v1/schedules/${uuid}/pause`, 20 * MiB, auth));
    show("GET a 10 KB path under /api/v1", await send("GET", `/api/v1/${"a".repeat(10_000)}`, 0, auth));
    show("GET a 100 KB path under /api/v1", await send("GET", `/api/v1/${"a".repeat(100_000)}`, 0, auth));
    show("PUT /api/v1/content (not served)", await send("PUT", "/api/v1/content", 0, auth));
    show("POST /api/v1/content, 50 MiB, no credentials", await send("POST", "/api/v1/content", 50 * MiB, { "content-type": "application/json" }));
    show("GET a 300 KB path (past the 256 KiB header limit: 431)", await send("GET", `/api/v1/${"a".repeat(300_000)}`, 0, auth));
    console.log(`VmRSS at the end: ${(rssKiB(pid) / 1024).toFixed(1)} MiB (started at ${(rss0 / 1024).toFixed(1)} MiB)`);
  } finally {
    process.kill(-app.pid!, "SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
