/**
 * The npm registry reachable here lacks some platform builds (e.g. the macOS binary of a package
 * whose Linux binary is present), so `npm install` writes a lockfile without them and `npm ci`
 * then refuses it ("Missing: … from lock file"). This adds each missing optional platform
 * package as the entry a complete registry would have produced (version, os, cpu, libc), which
 * npm skips on other platforms. Run after changing dependencies: `npm run lock:fix`.
 */
import fs from "node:fs";

type Entry = {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
  license?: string;
};

const OS = ["darwin", "linux", "win32", "freebsd", "android", "openharmony", "netbsd", "openbsd", "sunos", "aix"];
const CPU: [RegExp, string][] = [
  [/(^|-)arm64(-|$)/, "arm64"],
  [/(^|-)x64(-|$)/, "x64"],
  [/(^|-)ia32(-|$)/, "ia32"],
  [/(^|-)arm(-|$)/, "arm"],
  [/(^|-)loong64(-|$)/, "loong64"],
  [/(^|-)ppc64(-|$)/, "ppc64"],
  [/(^|-)riscv64(-|$)/, "riscv64"],
  [/(^|-)s390x(-|$)/, "s390x"],
  [/(^|-)wasm32(-|$)/, "wasm32"],
];

export function platformOf(name: string): Pick<Entry, "os" | "cpu" | "libc"> | null {
  const base = name.split("/").pop()!;
  const cpu = CPU.find(([re]) => re.test(base))?.[1];
  const os = OS.find((o) => new RegExp(`(^|-)${o}(-|$)`).test(base));
  if (!cpu) return null;
  if (cpu === "wasm32") return { cpu: ["wasm32"] };
  if (!os) return null;
  const libc = /-musl/.test(base) ? ["musl"] : os === "linux" && /-gnu/.test(base) ? ["glibc"] : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

/** The optional platform packages the lockfile names but has no entry for. */
export function missingEntries(packages: Record<string, Entry>): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  for (const [path, entry] of Object.entries(packages)) {
    for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${path ? path + "/" : ""}node_modules/${dep}`;
      if (packages[nested] || packages[`node_modules/${dep}`]) continue;
      const platform = platformOf(dep);
      if (!platform || !/^\d+\.\d+\.\d+/.test(spec)) continue;
      out[`node_modules/${dep}`] = { version: spec, optional: true, ...platform };
    }
  }
  return out;
}

function main() {
  const file = "package-lock.json";
  const lock = JSON.parse(fs.readFileSync(file, "utf8")) as { packages: Record<string, Entry> };
  const missing = missingEntries(lock.packages);
  const added = Object.entries(missing).map(([k, v]) => `${k.replace("node_modules/", "")}@${v.version}`);
  Object.assign(lock.packages, missing);
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
  fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
  console.log(added.length ? `added ${added.length} platform entries:\n  ${added.join("\n  ")}` : "lockfile already complete");
}

if (process.argv[1]?.endsWith("fix-lockfile.ts")) main();
