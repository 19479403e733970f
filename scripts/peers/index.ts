/**
 * The real servers the peer tests run against, together:
 *
 *   npm run peers:install   install both (cached under .peers/; seconds when already there)
 *   npm run peers:start     start both with fresh data, print what a test needs, stop on Ctrl-C
 *   tsx scripts/peers/index.ts status   say what is installed
 *
 * `npm test` runs the peer tests when both are installed; CI installs them first
 * (PEERS_REQUIRED=1, so a server that cannot start fails the run instead of skipping).
 */
import path from "node:path";
import { installWordPress, startWordPress, wordpressInstalled } from "./wordpress";
import { blueskyInstalled, installBluesky, startBluesky } from "./bluesky";
import type { PeersInfo } from "./types";

export function peersInstalled(): { wordpress: boolean; bluesky: boolean } {
  return { wordpress: wordpressInstalled(), bluesky: blueskyInstalled() };
}

/** Peer tests skip when their server is not installed, except where it is required (CI). */
export const peersRequired = () => process.env.PEERS_REQUIRED === "1";

export async function installPeers(log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<{ wordpress: number; bluesky: number }> {
  const timed = async (name: string, run: () => Promise<void>) => {
    const started = Date.now();
    await run();
    const seconds = (Date.now() - started) / 1000;
    log(`${name}: ready in ${seconds.toFixed(1)} s`);
    return seconds;
  };
  // Side by side: the WordPress install waits on apt, the PDS install on a compiler.
  const [wordpress, bluesky] = await Promise.all([
    timed("WordPress", () => installWordPress({ log: (l) => log(`[wordpress] ${l}`) })),
    timed("Bluesky PDS", () => installBluesky({ log: (l) => log(`[bluesky] ${l}`) })),
  ]);
  return { wordpress, bluesky };
}

export async function startPeers() {
  const [wordpress, bluesky] = await Promise.all([startWordPress(), startBluesky()]);
  const info: PeersInfo = {
    wordpress: { url: wordpress.url, username: wordpress.username, password: wordpress.password, appPassword: wordpress.appPassword },
    bluesky: {
      url: bluesky.url,
      plcUrl: bluesky.plcUrl,
      handle: bluesky.handle,
      did: bluesky.did,
      password: bluesky.password,
      appPassword: bluesky.appPassword,
    },
  };
  return { info, stop: async () => void (await Promise.allSettled([wordpress.stop(), bluesky.stop()])) };
}

async function main(command: string | undefined) {
  if (command === "install") {
    const started = Date.now();
    await installPeers();
    process.stdout.write(`Both servers installed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } else if (command === "status") {
    process.stdout.write(`${JSON.stringify(peersInstalled())}\n`);
  } else if (command === "start") {
    const started = Date.now();
    const peers = await startPeers();
    process.stdout.write(`${JSON.stringify(peers.info)}\n`);
    process.stderr.write(`Both servers answered in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops them.\n`);
    const stop = () => void peers.stop().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  } else {
    process.stderr.write("usage: tsx scripts/peers/index.ts install|start|status\n");
    process.exit(2);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(__dirname, "index.ts")) {
  main(process.argv[2]).catch((err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
