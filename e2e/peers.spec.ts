/**
 * The whole app against real server software: a WordPress site and a Bluesky PDS started on
 * loopback (scripts/peers), each behind a proxy that loses the answer to the first post it
 * forwards. Accounts are connected through the API, one post is scheduled to both, the runner that
 * `npm start` starts publishes it, and each server holds exactly one copy.
 */
import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";
import { peersInstalled, peersRequired, startPeers } from "../scripts/peers/index";
import { startFaultProxy, type FaultProxy } from "../scripts/peers/fault-proxy";
import type { PeersInfo } from "../scripts/peers/types";

const have = peersInstalled();
test.skip(!(have.wordpress && have.bluesky) && !peersRequired(), "the real servers are not installed here (npm run peers:install)");

let peers: Awaited<ReturnType<typeof startPeers>> | null = null;
let wpProxy: FaultProxy;
let pdsProxy: FaultProxy;

test.beforeAll(async ({}, info) => {
  test.skip(info.project.name !== "desktop", "one run is enough: the servers, not the screen or the database, are under test");
  test.setTimeout(600_000);
  peers = await startPeers();
  wpProxy = await startFaultProxy(peers.info.wordpress.url);
  pdsProxy = await startFaultProxy(peers.info.bluesky.url);
});
test.afterAll(async () => {
  await wpProxy?.close();
  await pdsProxy?.close();
  await peers?.stop();
});

const wpAuth = (wp: PeersInfo["wordpress"]) => `Basic ${Buffer.from(`${wp.username}:${wp.appPassword}`).toString("base64")}`;

/** Posts on the WordPress site whose title carries `marker`, asked of the site itself. */
async function wordpressPosts(wp: PeersInfo["wordpress"], marker: string) {
  const res = await fetch(`${wp.url}/wp-json/wp/v2/posts?search=${encodeURIComponent(marker)}&status=any&context=edit&per_page=100`, {
    headers: { authorization: wpAuth(wp) },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: number; link: string; status: string; title: { raw: string }; content: { raw: string } }[];
}

/** Post records in the account's repository whose text carries `marker`, asked of the PDS itself. */
async function blueskyPosts(bsky: PeersInfo["bluesky"], marker: string) {
  const res = await fetch(`${bsky.url}/xrpc/com.atproto.repo.listRecords?repo=${encodeURIComponent(bsky.did)}&collection=app.bsky.feed.post&limit=100`);
  expect(res.status).toBe(200);
  const { records } = (await res.json()) as { records: { uri: string; value: { text: string } }[] };
  return records.filter((r) => r.value.text.includes(marker));
}

test("posts scheduled to a real WordPress and a real PDS are published exactly once, though the first answer of each is lost", async ({
  page,
  baseURL,
}, info) => {
  test.setTimeout(180_000);
  const { wordpress: wp, bluesky: bsky } = peers!.info;
  await signUp(page, person(info, "peers"));
  const api = async (path: string, data: unknown) => {
    const res = await page.request.post(path, { data, headers: { origin: baseURL! } });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
    return res.json();
  };

  // Connected through the API, pointed at the proxies; the app verifies each with its server.
  const wpAccount = await api("/api/v1/platform-accounts", {
    platform: "wordpress",
    name: "Real WordPress",
    config: { api_base_url: wpProxy.url },
    credentials: { username: wp.username, app_password: wp.appPassword },
  });
  const bskyAccount = await api("/api/v1/platform-accounts", {
    platform: "bluesky",
    name: "Real PDS",
    config: { api_base_url: pdsProxy.url },
    credentials: { handle: bsky.handle, app_password: bsky.appPassword },
  });
  expect([wpAccount.status, bskyAccount.status]).toEqual(["active", "active"]);

  // The first post each server receives is made, but its answer never reaches the app.
  wpProxy.inject({ fault: "lost", match: (r) => r.method === "POST" && r.path.startsWith("/wp-json/wp/v2/posts") });
  pdsProxy.inject({ fault: "lost", match: (r) => r.method === "POST" && r.path.startsWith("/xrpc/com.atproto.repo.createRecord") });

  const marker = `peer-${Date.now().toString(36)}`;
  const text = `Ünïcödé launch notes ${marker} 👋🏽 https://example.com/notes`;
  const content = await api("/api/v1/content", { title: `Launch ${marker}`, content: text });
  const made = await api("/api/v1/schedules", {
    content_item_id: content.id,
    platform_account_ids: [wpAccount.id, bskyAccount.id],
    scheduled_time: new Date(Date.now() + 3000).toISOString(),
    timezone: "UTC",
    // Retries a second apart keep the test short; the engine's rules are the same at any pace.
    retry_strategy: "custom",
    retry_delays: [1, 1, 1, 1, 1],
    max_retries: 5,
  });
  const schedules = made.schedules as { id: string; platform_account_id: string }[];
  expect(schedules).toHaveLength(2);

  const status = async (id: string) =>
    (await (await page.request.get(`/api/v1/schedules/${id}`)).json()) as {
      publish_status: string;
      platform_post_id: string | null;
      platform_post_url: string | null;
    };
  for (const s of schedules) await expect.poll(async () => (await status(s.id)).publish_status, { timeout: 120_000, intervals: [500] }).toBe("published");

  // Both faults happened: each server made the post and the app never heard; the post was sent
  // once, and the retry looked for it instead of sending it again.
  const creates = (p: FaultProxy, path: string) => p.seen.filter((r) => r.method === "POST" && r.path.startsWith(path));
  expect(creates(wpProxy, "/wp-json/wp/v2/posts").map((r) => r.fault)).toEqual(["lost"]);
  expect(creates(pdsProxy, "/xrpc/com.atproto.repo.createRecord").map((r) => r.fault)).toEqual(["lost"]);

  // Exactly one copy on each server, and the app points at it.
  const onWp = await wordpressPosts(wp, marker);
  expect(onWp).toHaveLength(1);
  expect(onWp[0]).toMatchObject({ status: "publish", title: { raw: `Launch ${marker}` } });
  const onPds = await blueskyPosts(bsky, marker);
  expect(onPds).toHaveLength(1);
  expect(onPds[0]!.value.text).toBe(text);

  const wpSchedule = await status(schedules.find((s) => s.platform_account_id === wpAccount.id)!.id);
  expect(wpSchedule.platform_post_id).toBe(String(onWp[0]!.id));
  const pdsSchedule = await status(schedules.find((s) => s.platform_account_id === bskyAccount.id)!.id);
  expect(pdsSchedule.platform_post_id).toBe(onPds[0]!.uri);

  // The job history says what happened: an unknown outcome, then the post found, not re-sent.
  for (const s of schedules) {
    const attempts = (await (await page.request.get(`/api/v1/schedules/${s.id}/attempts`)).json()).items as { outcome: string }[];
    expect(attempts.map((a) => a.outcome)).toEqual(["unknown_outcome", "found_existing"]);
  }
});
