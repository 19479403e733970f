import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

/**
 * Prometheus's promtool, from Debian's `prometheus` package. CI installs it and sets
 * OPS_TOOLS_REQUIRED=1, so the checks of ops/ run there; elsewhere they are skipped without it.
 */
export const PROMTOOL = ["/usr/bin/promtool", "/usr/local/bin/promtool"].find((p) => fs.existsSync(p));
export const required = process.env.OPS_TOOLS_REQUIRED === "1";
export const OPS = path.resolve("ops");

/** Runs promtool in ops/prometheus, with `input` on its standard input. */
export function promtool(args: string[], input?: string) {
  if (!PROMTOOL) throw new Error("promtool is not installed (Debian package `prometheus`), and OPS_TOOLS_REQUIRED=1 asks for it");
  const r = spawnSync(PROMTOOL, args, { cwd: path.join(OPS, "prometheus"), input, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}
