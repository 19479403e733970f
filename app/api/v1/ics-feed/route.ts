import { apiRoute } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { currentFeedToken, regenerateFeed } from "@/lib/calendar/feed";
import { appKeyring } from "@/lib/crypto/keyring";
import { getConfig } from "@/lib/config";
import { otherMethods } from "../_lib/methods";

const out = (f: { token: string; createdAt: Date } | null) => ({
  url: f ? `${getConfig().nextauthUrl}/api/ics/${f.token}.ics` : null,
  created_at: f?.createdAt.toISOString() ?? null,
});

/** The workspace's secret calendar URL (null until an admin creates one). */
export const GET = apiRoute(operation("get /ics-feed"), async ({ db, actor }) => out(await currentFeedToken(db, appKeyring(), actor)));

/** Creates the URL, or replaces it: the old one stops working. */
export const POST = apiRoute(operation("post /ics-feed"), async ({ db, actor }) => out(await regenerateFeed(db, appKeyring(), actor)));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
