import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The layers of the house (docs/architecture.md): app → components → lib → db / adapters, and
 * jobs → lib. A file may import from its own layer and the layers below it, never above. Tests
 * may reach across layers; the code they test may not.
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
];
export default config;
