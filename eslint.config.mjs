import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { builtinModules } from "node:module";

/**
 * The layers of the house (docs/architecture.md): app → components → lib → db / adapters, and
 * jobs → lib. A file may import from its own layer and the layers below it, never above; app/
 * reaches db/ only through lib/ (`noDbInApp` below). Tests may reach across layers; the code they
 * test may not.
 */
const LAYERS = ["./app", "./components", "./lib", "./db", "./adapters", "./jobs"];
const zone = (target, allowed, message) => ({ target, from: LAYERS.filter((f) => f !== target && !allowed.includes(f)), message });
const layers = [
  zone("./db", [], "db/ holds the schema and the queries: it imports nothing of the app's (rules belong in lib/)."),
  zone("./adapters", ["./db"], "adapters/ speak to platforms: they may store through db/, never import lib/ (platform rules live in adapters/)."),
  zone("./lib", ["./db", "./adapters"], "lib/ is the domain: it may use db/ and adapters/, never the screens or the runners."),
  zone("./jobs", ["./lib", "./db", "./adapters"], "jobs/ run the domain: they may use lib/, db/ and adapters/, never the screens."),
  zone("./components", ["./lib", "./adapters", "./app"], "components/ may use lib/ and adapters/, never the database or the runners."),
  // Server actions are the one door from the screens into the server: components call them.
  { target: "./components", from: "./app", except: ["./_actions"], message: "components/ may call the server actions in app/_actions, nothing else of app/." },
];

/**
 * components/ are sent to the browser (client components, and server components that client ones
 * import): no database, no database driver, no Node built-in. A server component that is handed
 * a Db may still name its type (`import type`), which leaves nothing in the bundle.
 */
const browserSafe =
  "components/ may run in the browser: no database (db/, lib/database), no database driver and no Node built-in. A type alone may come in with `import type`.";
const browserUnsafe = {
  paths: ["postgres", "@electric-sql/pglite", ...builtinModules].map((name) => ({ name, message: browserSafe, allowTypeImports: true })),
  patterns: [
    {
      group: ["@/db", "@/db/**", "**/lib/database", "**/lib/database/**", "postgres/**", "@electric-sql/pglite/**", "node:*"],
      message: browserSafe,
      allowTypeImports: true,
    },
  ],
};

/**
 * app/ reads and writes through lib/, where permissions and workspace scoping live: no value from
 * db/ (its queries skip both). A type may still come in with `import type`.
 */
const throughLib =
  "app/ goes through lib/ (permissions and workspace scoping live there): no query or other value from db/. A type alone may come in with `import type`.";
const noDbInApp = {
  patterns: [{ group: ["@/db", "@/db/**", "**/../db", "**/../db/**"], message: throughLib, allowTypeImports: true }],
};

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next/**", ".data/**", ".peers/**", "node_modules/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    files: ["**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "e2e/**", "scripts/**"],
    // Packages are never parsed: only the project's own files make layers and cycles.
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" } },
      "import/ignore": ["node_modules"],
      "import/external-module-folders": ["node_modules"],
    },
    rules: {
      "import/no-restricted-paths": ["error", { zones: layers }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-imports": ["error", noDbInApp] },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-imports": ["error", browserUnsafe] },
  },
];
export default config;
