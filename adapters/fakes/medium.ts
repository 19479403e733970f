/**
 * Medium's (frozen) publishing API as its documentation describes it, plus the public RSS feed
 * that is the only way to list a user's stories:
 *
 * - `Authorization: Bearer <integration token>`, else 401 `{ errors: [{ message, code }] }`
 *   ("Token was invalid.", code 6003 as Medium answers; other codes here are placeholders);
 * - `GET /v1/me` → `{ data: { id, username, name, url, imageUrl } }`;
 * - `POST /v1/users/{authorId}/posts` (JSON): title, contentFormat (html|markdown) and content
 *   required; tags — only the first three are used and a tag over 25 characters is ignored;
 *   a title over 100 characters is ignored and one is made from the content; publishStatus
 *   public|draft|unlisted (default public). Another user's authorId → 403. Unknown fields → 400
 *   (Medium's docs list the fields; the fake refuses anything else so a typo fails a test);
 *   → 201 `{ data: { id, title, authorId, tags, url, canonicalUrl, publishStatus, publishedAt,
 *   license, licenseUrl } }`;
 * - `GET /feed/@{username}` → RSS 2.0 with the 10 newest public stories (CDATA titles, guid
 *   `<origin>/p/<id>`), served on the fake's own URL (Medium serves it on medium.com).
 */
import crypto from "node:crypto";
import { FakePlatform, bearer, type FakeReply } from "./server";

const POST_FIELDS = new Set(["title", "contentFormat", "content", "tags", "canonicalUrl", "publishStatus", "license", "notifyFollowers"]);
const LICENSES = new Set([
  "all-rights-reserved",
  "cc-40-by",
  "cc-40-by-sa",
  "cc-40-by-nd",
  "cc-40-by-nc",
  "cc-40-by-nc-nd",
  "cc-40-by-nc-sa",
  "cc-40-zero",
  "public-domain",
]);

export interface MediumUser {
  id: string;
  username: string;
  name: string;
}

export interface MediumPost {
  id: string;
  title: string;
  /** The title as sent (Medium may have ignored it). */
  sentTitle: string;
  authorId: string;
  contentFormat: "html" | "markdown";
  content: string;
  tags: string[];
  canonicalUrl: string | null;
  publishStatus: "public" | "draft" | "unlisted";
  publishedAt: number;
  url: string;
}

const fail = (status: number, message: string, code: number): FakeReply => ({ status, json: { errors: [{ message, code }] } });
const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;

/** Medium makes a title from the first text of the content when it ignores the given one. */
function titleFromContent(content: string): string {
  const first =
    content
      .replace(/<[^>]+>/g, "\n")
      .split("\n")
      .map((l) => l.replace(/^#+\s*/, "").trim())
      .find(Boolean) ?? "";
  return first.slice(0, 100);
}

export function createMediumFake(opts: { token: string; user?: MediumUser; now?: () => number }) {
  const fake = new FakePlatform("medium");
  const user = opts.user ?? { id: "1f2e3d4c5b6a7980aabbccddeeff00112233445566778899aabbccddeeff0011", username: "schedtester", name: "Schedule Tester" };
  const now = opts.now ?? Date.now;
  const posts: MediumPost[] = [];

  const authed = (token: string | null) => token === opts.token;

  fake.route("GET", "/v1/me", (req) => {
    if (!authed(bearer(req))) return fail(401, "Token was invalid.", 6003);
    return { status: 200, json: { data: { id: user.id, username: user.username, name: user.name, url: `${fake.url}/@${user.username}`, imageUrl: "" } } };
  });

  fake.route("POST", "/v1/users/:authorId/posts", (req) => {
    if (!authed(bearer(req))) return fail(401, "Token was invalid.", 6003);
    if (req.params.authorId !== user.id) return fail(403, "User does not have permission to publish to this user.", 6027);
    const b = req.body as Record<string, unknown> | null;
    if (!b || typeof b !== "object" || "__invalid_json" in b) return fail(400, "Request body must be JSON.", 2004);
    const unknown = Object.keys(b).filter((k) => !POST_FIELDS.has(k));
    if (unknown.length) return fail(400, `Unknown fields: ${unknown.join(", ")}.`, 2004);
    if (typeof b.title !== "string" || !b.title.trim()) return fail(400, "Post must have a title.", 2004);
    if (b.contentFormat !== "html" && b.contentFormat !== "markdown") return fail(400, "contentFormat must be html or markdown.", 2004);
    if (typeof b.content !== "string" || !b.content.trim()) return fail(400, "Post must have content.", 2004);
    if (b.tags !== undefined && (!Array.isArray(b.tags) || b.tags.some((t) => typeof t !== "string")))
      return fail(400, "tags must be a list of strings.", 2004);
    if (b.canonicalUrl !== undefined && (typeof b.canonicalUrl !== "string" || !/^https?:\/\/\S+$/.test(b.canonicalUrl))) {
      return fail(400, "canonicalUrl must be a URL.", 2004);
    }
    const status = b.publishStatus ?? "public";
    if (status !== "public" && status !== "draft" && status !== "unlisted") return fail(400, "publishStatus must be public, draft or unlisted.", 2004);
    if (b.license !== undefined && !LICENSES.has(String(b.license))) return fail(400, "Unknown license.", 2004);
    if (b.notifyFollowers !== undefined && typeof b.notifyFollowers !== "boolean") return fail(400, "notifyFollowers must be a boolean.", 2004);
    const id = crypto.randomBytes(6).toString("hex");
    const sentTitle = b.title.trim();
    const title = sentTitle.length > 100 ? titleFromContent(b.content) : sentTitle;
    const slug =
      title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 60) || "story";
    const post: MediumPost = {
      id,
      title,
      sentTitle,
      authorId: user.id,
      contentFormat: b.contentFormat,
      content: b.content,
      // "Only the first three will be used. Tags longer than 25 characters will be ignored."
      tags: ((b.tags as string[] | undefined) ?? []).slice(0, 3).filter((t) => t.length <= 25),
      canonicalUrl: typeof b.canonicalUrl === "string" ? b.canonicalUrl : null,
      publishStatus: status,
      publishedAt: now(),
      url: `${fake.url}/@${user.username}/${slug}-${id}`,
    };
    posts.push(post);
    const { id: pid, title: t, authorId, tags, url, canonicalUrl, publishStatus, publishedAt } = post;
    const licenseUrl = "https://policy.medium.com/medium-terms-of-service-9db0094a1e0f";
    return {
      status: 201,
      json: {
        data: {
          id: pid,
          title: t,
          authorId,
          tags,
          url,
          canonicalUrl: canonicalUrl ?? "",
          publishStatus,
          publishedAt,
          license: String(b.license ?? "all-rights-reserved"),
          licenseUrl,
        },
      },
    };
  });

  fake.route("GET", "/feed/:handle", (req) => {
    if (req.params.handle !== `@${user.username}`)
      return { status: 404, text: "<html><body>Not found</body></html>", headers: { "content-type": "text/html" } };
    const items = posts
      .filter((p) => p.publishStatus === "public")
      .slice(-10)
      .reverse()
      .map(
        (p) =>
          `<item><title>${cdata(p.title)}</title><link>${p.url}?source=rss-${user.id.slice(0, 12)}------2</link>` +
          `<guid isPermaLink="false">${fake.url}/p/${p.id}</guid>${p.tags.map((t) => `<category>${cdata(t)}</category>`).join("")}` +
          `<dc:creator>${cdata(user.name)}</dc:creator><pubDate>${new Date(p.publishedAt).toUTCString()}</pubDate>` +
          `<content:encoded>${cdata(p.content)}</content:encoded></item>`,
      )
      .join("");
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">` +
      `<channel><title>${cdata(`Stories by ${user.name} on Medium`)}</title><link>${fake.url}/@${user.username}</link>${items}</channel></rss>`;
    return { status: 200, text: xml, headers: { "content-type": "text/xml; charset=UTF-8" } };
  });

  return Object.assign(fake, { posts, user });
}
