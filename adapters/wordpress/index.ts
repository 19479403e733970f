/**
 * WordPress (core REST API, wp/v2) on the account's site: `ctx.baseUrl` is the site address
 * (the API lives under `/wp-json/`; sites without pretty permalinks need a server rewrite, since
 * every call here is a path under the base URL). Login is an Application Password over HTTP
 * Basic (`credentials.username` + `credentials.app_password`).
 *
 * publish:
 * 1. tags: WordPress takes term ids, so each name is looked up (`GET /tags?search=`, exact name,
 *    case-insensitive) and created when missing (`POST /tags`; a `term_exists` answer carries the
 *    id). Repeating this on a retry finds the tags made the first time.
 * 2. media: each file is uploaded (`POST /media`, raw bytes with Content-Disposition, alt text as
 *    a parameter); its id is checkpointed in `post.state` so a retry does not upload it again. The
 *    file name carries a hash of its bytes and is checkpointed before sending, so after an upload
 *    whose answer was lost a retry finds that attachment by name (`GET /media?search=`) instead
 *    of uploading a second copy. The first image becomes the featured image; every file is also
 *    placed in the content after the text. (WordPress documents this endpoint; see
 *    docs/platforms.md, WordPress.)
 * 3. `POST /posts` `{ title, content, status: "publish", tags, categories? }` → 201 `{ id, link }`.
 *    `config.category_ids` (ids, array or comma-separated) sets categories.
 *
 * No idempotency key. findExisting searches the account's published and scheduled posts and
 * matches title + the start of the content. We do not store the key in post meta: WordPress only
 * accepts meta keys a plugin registered, which a stock site has not. WordPress passes an
 * author's title and content through kses (e.g. `&` → `&amp;`, attributes and stray `<` removed),
 * so both sides are compared without markup, after decoding entities and collapsing white space.
 *
 * Metrics: core has no engagement statistics; the approved comment count (X-WP-Total of
 * `GET /comments?post=`) is the only number, the rest are zeros.
 */
import crypto from "node:crypto";
import type { AdapterContext, PlatformAdapter, PublishPost } from "../adapter";
import { AuthError, PermanentError, type AdapterError } from "../errors";
import { classifyStatus, credential, excerpt, platformMessage, send, type HttpResponse } from "../http";
import { descriptor, validate } from "./descriptor";

const API = "/wp-json/wp/v2";
/** WordPress core roles allowed to publish: the usual fix for a 403. */
const ROLE_HINT = "ask the site administrator to give this user the Author role (or Editor)";

interface WpErrorBody {
  code?: string;
  message?: string;
  data?: { status?: number; params?: Record<string, string> | string[]; term_id?: number };
}
interface WpTerm {
  id: number;
  name: string;
}
interface WpPost {
  id: number;
  link?: string;
  title?: { raw?: string; rendered?: string };
  content?: { raw?: string; rendered?: string };
}

function headers(ctx: AdapterContext): Record<string, string> {
  const user = credential(ctx, "username", "WordPress username");
  const password = credential(ctx, "app_password", "WordPress application password");
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` };
}

/** WordPress's `{ code, message, data }` answers in a site owner's words; `action` names the step. */
function classifier(ctx: AdapterContext, action: string) {
  return (res: HttpResponse, write: boolean): AdapterError => {
    const body = (res.data ?? {}) as WpErrorBody;
    const code = typeof body.code === "string" ? body.code : null;
    const said = platformMessage(res.data, res.text);
    const init = { httpStatus: res.status, responseExcerpt: excerpt(res.text), platformCode: code };
    if (res.status === 401) {
      if (code === "incorrect_password")
        return new AuthError(`WordPress refused the application password (${said}); create a new one under Users → Profile → Application Passwords`, init);
      if (code === "invalid_username") return new AuthError(`WordPress does not know this username (${said}); check the account's username`, init);
      // Stock WordPress (6.1 seen) answers a wrong password or unknown username like no login at
      // all, so this is also what pasting the login password instead of an Application Password gets.
      return new AuthError(
        `WordPress did not accept a login while trying to ${action} (${said}); check the username, and that the password is an Application Password (Users → Profile → Application Passwords), not the login password (some hosts also strip the Authorization header)`,
        init,
      );
    }
    if (res.status === 403) return new PermanentError(`WordPress does not allow this user to ${action} (${said}); ${ROLE_HINT}`, init);
    if (res.status === 404 && code === "rest_no_route")
      return new PermanentError(`${ctx.baseUrl} has no WordPress REST API at /wp-json/ (${said}); check the site address`, init);
    if (res.status === 400) {
      const params = body.data?.params;
      const detail = params && !Array.isArray(params) ? ` (${Object.values(params).join("; ")})` : "";
      return new PermanentError(`WordPress refused to ${action}: ${said}${detail}`, init);
    }
    return classifyStatus(res, write);
  };
}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
/**
 * Markup removed, entities decoded, white space collapsed: kses-filtered text compares equal to
 * what was sent. Seen on WordPress 6.1 for an author (no unfiltered_html): `&` → `&amp;`,
 * attributes dropped (`onclick`), `<br/>` → `<br />`, script tags removed but their text kept, and
 * a stray `<` taken as the start of a tag (`5 < 6 and 7 > 3` loses `< 6 and 7 >`). Tags are cut
 * the way kses finds them (`<` up to the next `>` or the end), so both sides lose the same text.
 */
export function normalize(s: string): string {
  return s
    .replace(/<[^>]*(?:>|$)/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITY[e.toLowerCase()] ?? m),
    )
    .replace(/\s+/g, " ")
    .trim();
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function termIdOf(answer: string | null): number | undefined {
  try {
    return (JSON.parse(answer ?? "{}") as WpErrorBody).data?.term_id;
  } catch {
    return undefined;
  }
}

async function tagIds(ctx: AdapterContext, names: string[]): Promise<number[]> {
  const ids: number[] = [];
  const seen = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    const found = await send<WpTerm[]>(
      ctx,
      { path: `${API}/tags`, query: { search: name, per_page: 100 }, headers: headers(ctx) },
      classifier(ctx, `look up the tag "${name}"`),
    );
    const hit = (Array.isArray(found.data) ? found.data : []).find((t) => normalize(t.name).toLowerCase() === normalize(name).toLowerCase());
    if (hit) {
      ids.push(hit.id);
      continue;
    }
    try {
      const made = await send<WpTerm>(
        ctx,
        { method: "POST", path: `${API}/tags`, json: { name }, headers: headers(ctx) },
        classifier(ctx, `create the tag "${name}"`),
      );
      ids.push(made.data.id);
    } catch (err) {
      // Created meanwhile (or the search missed it): WordPress names the existing term's id.
      const e = err as AdapterError;
      const existing = e.platformCode === "term_exists" ? termIdOf(e.responseExcerpt) : undefined;
      if (typeof existing !== "number") throw err;
      ids.push(existing);
    }
  }
  return ids;
}

interface Uploaded {
  id: number;
  url: string;
  mimeType: string;
  alt: string;
}

interface WpMedia {
  id: number;
  source_url?: string;
  mime_type?: string;
  title?: { raw?: string; rendered?: string };
  alt_text?: string;
}

/**
 * An upload an earlier attempt sent whose answer never came. WordPress titles an attachment after
 * the file it stored (`name`, or `name-1` when that file name was taken), and the name carries a
 * hash of the bytes, so the same title, type and alt text is the same image.
 */
async function findUpload(ctx: AdapterContext, name: string, m: { mimeType: string; alt: string }, i: number): Promise<WpMedia | null> {
  const res = await send<WpMedia[]>(
    ctx,
    { path: `${API}/media`, query: { search: name, context: "edit", per_page: 20 }, headers: headers(ctx) },
    classifier(ctx, `look for media ${i + 1} sent earlier`),
  );
  const title = new RegExp(`^${name}(-\\d+)?$`);
  const found = (Array.isArray(res.data) ? res.data : []).filter(
    (x) => title.test(x.title?.raw ?? x.title?.rendered ?? "") && x.mime_type === m.mimeType && normalize(x.alt_text ?? "") === normalize(m.alt),
  );
  return found.at(-1) ?? null;
}

async function uploadMedia(ctx: AdapterContext, post: PublishPost): Promise<Uploaded[]> {
  const out: Uploaded[] = [];
  for (const [i, m] of post.media.entries()) {
    const key = `wp_media_${i}`;
    const alt = m.altText ?? "";
    const saved = post.state[key];
    if (saved) {
      const [id, url] = saved.split(" ");
      out.push({ id: Number(id), url: url ?? "", mimeType: m.mimeType, alt });
      continue;
    }
    const bytes = await m.read();
    const ext = (m.mimeType.split("/")[1] ?? "bin").replace(/[^a-z0-9]/gi, "").replace(/^jpeg$/, "jpg");
    const hash = crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 12);
    const name = `post-${post.scheduleId.slice(0, 8).replace(/[^a-z0-9]/gi, "")}-${i + 1}-${hash}`;
    // Sent before but never answered (lost, timed out): the file may be on the site already.
    const earlier = post.state[`${key}_sent`] === name ? await findUpload(ctx, name, { mimeType: m.mimeType, alt }, i) : null;
    let item: Uploaded;
    if (earlier) {
      item = { id: earlier.id, url: earlier.source_url ?? "", mimeType: m.mimeType, alt };
    } else {
      await post.saveState({ [`${key}_sent`]: name });
      const res = await send<{ id?: number; source_url?: string }>(
        ctx,
        {
          method: "POST",
          path: `${API}/media`,
          query: alt ? { alt_text: alt } : undefined,
          body: bytes,
          headers: { ...headers(ctx), "content-type": m.mimeType, "content-disposition": `attachment; filename="${name}.${ext}"` },
        },
        classifier(ctx, `upload media ${i + 1}`),
      );
      if (typeof res.data?.id !== "number")
        throw new PermanentError(`WordPress answered the upload of media ${i + 1} without an id`, {
          httpStatus: res.status,
          responseExcerpt: excerpt(res.text),
        });
      item = { id: res.data.id, url: res.data.source_url ?? "", mimeType: m.mimeType, alt };
    }
    await post.saveState({ [key]: `${item.id} ${item.url}` });
    out.push(item);
  }
  return out;
}

function mediaHtml(m: Uploaded): string {
  const src = escapeHtml(m.url);
  if (m.mimeType.startsWith("video/")) return `<figure class="wp-block-video"><video controls src="${src}"></video></figure>`;
  return `<figure class="wp-block-image"><img src="${src}" alt="${escapeHtml(m.alt)}" class="wp-image-${m.id}"/></figure>`;
}

function categoryIds(ctx: AdapterContext): number[] | undefined {
  const v = ctx.config.category_ids;
  const list = Array.isArray(v) ? v : typeof v === "string" ? v.split(",") : [];
  const ids = list.map((x) => Number(String(x).trim())).filter((x) => Number.isInteger(x) && x > 0);
  return ids.length ? ids : undefined;
}

export const adapter: PlatformAdapter = {
  id: "wordpress",
  descriptor,
  validate,

  async publish(ctx, post) {
    const tags = await tagIds(ctx, post.tags);
    const media = await uploadMedia(ctx, post);
    const featured = media.find((m) => m.mimeType.startsWith("image/"));
    const content = [post.text, ...media.map(mediaHtml)].filter(Boolean).join("\n\n");
    const categories = categoryIds(ctx);
    const body = {
      title: post.title.trim(),
      content,
      status: "publish",
      ...(tags.length ? { tags } : {}),
      ...(categories ? { categories } : {}),
      ...(featured ? { featured_media: featured.id } : {}),
    };
    const res = await send<WpPost>(ctx, { method: "POST", path: `${API}/posts`, json: body, headers: headers(ctx) }, classifier(ctx, "publish posts"));
    if (typeof res.data?.id !== "number")
      throw new PermanentError("WordPress answered without a post id", { httpStatus: res.status, responseExcerpt: excerpt(res.text) });
    return { platformPostId: String(res.data.id), url: res.data.link ?? null, httpStatus: res.status, responseExcerpt: excerpt(res.text) };
  },

  async findExisting(ctx, post) {
    const title = normalize(post.title);
    const text = normalize(post.text).slice(0, 200);
    // WordPress search needs every word to appear; plain words avoid `&` vs `&amp;` misses.
    const words = (title || text).match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
    if (!words.length) return null;
    const res = await send<WpPost[]>(
      ctx,
      { path: `${API}/posts`, query: { search: words.join(" "), status: "publish,future", context: "edit", per_page: 50 }, headers: headers(ctx) },
      classifier(ctx, "list its posts"),
    );
    const hit = (Array.isArray(res.data) ? res.data : []).find(
      (p) => normalize(p.title?.raw ?? p.title?.rendered ?? "") === title && normalize(p.content?.raw ?? "").startsWith(text),
    );
    return hit ? { platformPostId: String(hit.id), url: hit.link ?? null } : null;
  },

  async fetchMetrics(ctx, platformPostId) {
    const res = await send<unknown[]>(
      ctx,
      { path: `${API}/comments`, query: { post: platformPostId, per_page: 1 }, headers: headers(ctx) },
      classifier(ctx, "read comments"),
    );
    const total = Number(res.headers.get("x-wp-total"));
    const comments = Number.isFinite(total) && res.headers.has("x-wp-total") ? total : Array.isArray(res.data) ? res.data.length : 0;
    // WordPress core keeps no likes, shares or views; only comments can be counted.
    return { likes: 0, shares: 0, comments, clicks: 0, impressions: 0, reach: 0, raw: { comments } };
  },

  async verifyCredentials(ctx) {
    const res = await send<{ id?: number; name?: string; username?: string; roles?: string[]; capabilities?: Record<string, boolean> }>(
      ctx,
      { path: `${API}/users/me`, query: { context: "edit" }, headers: headers(ctx) },
      classifier(ctx, "read its own profile"),
    );
    const u = res.data ?? {};
    if (u.capabilities && !u.capabilities.publish_posts) {
      const roles = u.roles?.join(", ") || "unknown";
      throw new PermanentError(`The WordPress user ${u.username ?? u.name ?? ""} cannot publish posts (role: ${roles}); ${ROLE_HINT}`);
    }
    return { externalId: u.id === undefined ? null : String(u.id), name: u.username ?? u.name ?? null };
  },
};
