import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { missingEntries, platformOf } from "./fix-lockfile";

describe("lockfile platform entries", () => {
  it("reads os, cpu and libc from a platform package's name", () => {
    expect(platformOf("@next/swc-darwin-arm64")).toEqual({ os: ["darwin"], cpu: ["arm64"] });
    expect(platformOf("@next/swc-linux-x64-gnu")).toEqual({ os: ["linux"], cpu: ["x64"], libc: ["glibc"] });
    expect(platformOf("@unrs/resolver-binding-linux-arm-musleabihf")).toEqual({ os: ["linux"], cpu: ["arm"], libc: ["musl"] });
    expect(platformOf("@tailwindcss/oxide-wasm32-wasi")).toEqual({ cpu: ["wasm32"] });
    expect(platformOf("@esbuild/win32-ia32")).toEqual({ os: ["win32"], cpu: ["ia32"] });
    expect(platformOf("left-pad")).toBeNull();
  });

  it("finds an optional dependency without an entry", () => {
    const packages = {
      "": {},
      "node_modules/next": { version: "1.0.0", optionalDependencies: { "@next/swc-darwin-x64": "1.0.0", "@next/swc-linux-x64-gnu": "1.0.0" } },
      "node_modules/@next/swc-linux-x64-gnu": { version: "1.0.0" },
    };
    expect(missingEntries(packages)).toEqual({ "node_modules/@next/swc-darwin-x64": { version: "1.0.0", optional: true, os: ["darwin"], cpu: ["x64"] } });
  });

  it("the committed lockfile is complete, so `npm ci` accepts it (run `npm run lock:fix` if this fails)", () => {
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    expect(Object.keys(missingEntries(lock.packages))).toEqual([]);
  });
});
