/**
 * A Bluesky PDS and the did:plc directory it registers accounts with, in one process. Runs under
 * Node 22 (the PDS needs it; the project runs on Node 20), started by ../bluesky.ts, which passes:
 *
 *   PEER_DIR       the scratch npm project holding @atproto/pds and @did-plc/server
 *   PEER_DATA_DIR  an empty folder for this run's databases and blobs (removed by the parent)
 *
 * When both servers listen (on 127.0.0.1 only) it creates an account and an app password, then
 * prints one line `{"ready":true,...}` with what the tests need. It stops on SIGTERM/SIGINT and
 * when its stdin closes, so a parent that dies without stopping it leaves no orphan behind.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const peerDir = process.env.PEER_DIR;
const dataDir = process.env.PEER_DATA_DIR;
if (!peerDir || !dataDir) throw new Error("PEER_DIR and PEER_DATA_DIR must be set");
const requireFromPeer = createRequire(path.join(peerDir, "package.json"));
const load = (name) => import(pathToFileURL(requireFromPeer.resolve(name)).href);

const HOST = "127.0.0.1";
const HANDLE = "alice.test";

/** A port nothing listens on right now (the servers need theirs before they start). */
const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer().once("error", reject);
    s.listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * Both servers call `app.listen(port)`, which binds every interface. Give their express app a
 * listen that binds loopback only, so start() (which also wires their shutdown) stays theirs.
 */
const loopbackOnly = (app) => {
  app.listen = function listen(port) {
    return http.createServer(this).listen(port, HOST);
  };
};

async function xrpc(base, method, body, token) {
  const res = await fetch(`${base}/xrpc/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} answered ${res.status}: ${JSON.stringify(data)}`);
  return data;
}

const [{ PlcServer, Database }, { PDS, envToCfg, envToSecrets, readEnv }] = await Promise.all([load("@did-plc/server"), load("@atproto/pds")]);

const plcPort = await freePort();
const plc = PlcServer.create({ db: Database.mock(), port: plcPort });
loopbackOnly(plc.app);
await plc.start();
const plcUrl = `http://${HOST}:${plcPort}`;

const pdsPort = await freePort();
const blobs = path.join(dataDir, "blobs");
fs.mkdirSync(blobs, { recursive: true });
const password = crypto.randomBytes(12).toString("hex");
Object.assign(process.env, {
  PDS_HOSTNAME: "localhost",
  PDS_PORT: String(pdsPort),
  PDS_DEV_MODE: "true",
  PDS_DID_PLC_URL: plcUrl,
  PDS_SERVICE_HANDLE_DOMAINS: ".test",
  PDS_INVITE_REQUIRED: "false",
  PDS_DATA_DIRECTORY: dataDir,
  PDS_BLOBSTORE_DISK_LOCATION: blobs,
  PDS_BLOBSTORE_DISK_TMP_LOCATION: path.join(dataDir, "tmp"),
  PDS_JWT_SECRET: crypto.randomBytes(32).toString("hex"),
  PDS_ADMIN_PASSWORD: crypto.randomBytes(16).toString("hex"),
  PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: crypto.randomBytes(32).toString("hex"),
  // Nothing to announce the repo to: no relay, no App View, no moderation service.
  PDS_CRAWLERS: "",
});
const env = readEnv();
const pds = await PDS.create(envToCfg(env), envToSecrets(env));
loopbackOnly(pds.app);
await pds.start();
const url = `http://${HOST}:${pdsPort}`;

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  // Whatever happens while closing, the process ends: no orphan holds a port.
  const hard = setTimeout(() => process.exit(code), 5000);
  hard.unref();
  await pds.destroy().catch(() => {});
  await plc.destroy().catch(() => {});
  // The parent removes the data too; this covers a parent that died without stopping us.
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.on("error", () => void stop());
process.stdin.resume();

try {
  const account = await xrpc(url, "com.atproto.server.createAccount", { handle: HANDLE, email: "alice@example.test", password });
  const app = await xrpc(url, "com.atproto.server.createAppPassword", { name: "scheduler" }, account.accessJwt);
  process.stdout.write(`${JSON.stringify({ ready: true, url, plcUrl, handle: account.handle, did: account.did, password, appPassword: app.password })}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  await stop(1);
}
