import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

const SOURCES = ["app", "components", "lib", "db", "jobs", "adapters", "public"];
const FILES = ["package-lock.json", "next.config.ts", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "postcss.config.mjs", "tsconfig.json"];

function walk(dir: string, out: string[]) {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/**
 * A fingerprint of everything the build reads (paths, sizes, mtimes) and of the settings baked
 * into it (whether the public URL is https: the HSTS header): a change means rebuild.
 */
export function sourceStamp(root = process.cwd(), publicUrl = process.env.NEXTAUTH_URL): string {
  const files: string[] = [];
  for (const d of SOURCES) walk(path.join(root, d), files);
  for (const f of FILES) files.push(path.join(root, f));
  const h = crypto.createHash("sha256");
  h.update(`https:${publicUrl?.startsWith("https:") ? 1 : 0}\n`);
  for (const f of files.sort()) {
    try {
      const s = fs.statSync(f);
      h.update(`${path.relative(root, f)}\0${s.size}\0${s.mtimeMs}\n`);
    } catch {
      /* optional file absent */
    }
  }
  return h.digest("hex");
}

export const STAMP_FILE = path.join(".next", "source-stamp");

export function buildIsCurrent(root = process.cwd()): boolean {
  try {
    return fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.readFileSync(path.join(root, STAMP_FILE), "utf8") === sourceStamp(root);
  } catch {
    return false;
  }
}
