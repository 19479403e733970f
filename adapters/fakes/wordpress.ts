/**
 * A WordPress site's REST API (wp/v2) as WordPress core behaves. Checked against a real site
 * (WordPress 6.1 from Debian, `npm run test:peers`); "real:" comments mark what that showed.
 *
 * - Application Passwords over HTTP Basic (spaces in the password are ignored, as WordPress
 *   does). Real: a wrong password or unknown username is not reported as such; the request just
 *   runs anonymously, so the route's own 401 answers (`rest_not_logged_in` on /users/me,
 *   `rest_cannot_create` on a create). `authErrors: "detailed"` answers 401 `invalid_username` /
 *   `incorrect_password` instead, as WordPress documents and some sites (plugins that settle the
 *   user early) do. Logged in without the capability → 403 (`rest_cannot_create`,
 *   `rest_cannot_publish`). Errors are `{ code, message, data: { status } }`.
 * - Roles: administrator/editor/author may publish and upload; contributor may only write drafts.
 *   Users without `unfiltered_html` (authors) get titles and content through kses: `&` → `&amp;`,
 *   tags it does not allow are cut (their text kept, `<script>` included), `on*` attributes
 *   dropped, `/>` → ` />`, and a stray `<` is read as the start of a tag up to the next `>`.
 * - `POST /posts` takes tags and categories as term ids only (a name → 400 rest_invalid_param);
 *   `GET/POST /tags` search and create terms (`term_exists` with `data.term_id` for a duplicate);
 *   `POST /media` takes the raw file with Content-Disposition and checks the bytes are of the
 *   type claimed; `GET /media`, `GET /posts?search=&status=&context=edit` and `GET /comments?post=`
 *   answer with X-WP-Total. Search is case- and accent-insensitive, like MariaDB's collation.
 *
 * Stricter than WordPress on purpose (so a wrong adapter fails its tests): unknown body fields,
 * non-existent term ids, an unknown featured_media and unregistered `meta` keys are 400s here.
 * Real: WordPress ignores unknown fields and unregistered meta (answers 201), drops unknown term
 * ids silently (unknown category ids leave the post in no category at all) and ignores an
 * unknown featured_media (the post is created with featured_media 0).
 */
import { FakePlatform, type FakeReply, type FakeRequest } from "./server";
import { POST_TAGS, TITLE_TAGS, escapeName, fold, ksesWith, rawOf, searchTerms, slugOf, sniff } from "./wordpress-text";

export type WpRole = "administrator" | "editor" | "author" | "contributor" | "subscriber";
export interface WpUser {
  id: number;
  username: string;
  name: string;
  appPassword: string;
  role: WpRole;
}
export interface WpTerm {
  id: number;
  name: string;
  slug: string;
}
export interface WpMedia {
  id: number;
  author: number;
  /** The stored file's name without its extension (real: `name-1` when the name was taken). */
  title: string;
  source_url: string;
  mime_type: string;
  alt_text: string;
  bytes: number;
}
export interface WpPost {
  id: number;
  author: number;
  status: string;
  title: string;
  content: string;
  tags: number[];
  categories: number[];
  featured_media: number;
  meta: Record<string, unknown>;
  date_gmt: string;
  slug: string;
  link: string;
}

const CAPS: Record<WpRole, string[]> = {
  administrator: ["read", "edit_posts", "publish_posts", "upload_files", "unfiltered_html"],
  editor: ["read", "edit_posts", "publish_posts", "upload_files", "unfiltered_html"],
  author: ["read", "edit_posts", "publish_posts", "upload_files"],
  contributor: ["read", "edit_posts"],
  subscriber: ["read"],
};
const POST_FIELDS = new Set(["title", "content", "status", "tags", "categories", "featured_media", "date_gmt", "excerpt", "slug", "meta"]);
const STATUSES = new Set(["publish", "future", "draft", "pending", "private"]);

const err = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): FakeReply => ({
  status,
  json: { code, message, data: { status, ...extra } },
});
/** Real: a bad parameter names it in `params` and again, with its own code, in `details`. */
const invalidParam = (field: string, message: string, code = "rest_invalid_param", data: unknown = null): FakeReply =>
  err(400, "rest_invalid_param", `Invalid parameter(s): ${field}`, { params: { [field]: message }, details: { [field]: { code, message, data } } });
const can = (u: WpUser | null, cap: string) => !!u && CAPS[u.role].includes(cap);

const kses = (u: WpUser, s: string, allowed = POST_TAGS) => (can(u, "unfiltered_html") ? s : ksesWith(allowed, s));
export function createWordpressFake(opts: { users?: WpUser[]; registeredMeta?: string[]; authErrors?: "anonymous" | "detailed" } = {}) {
  const fake = new FakePlatform("wordpress");
  const users = opts.users ?? [{ id: 7, username: "scheduler", name: "Scheduler Bot", appPassword: "abcd EFGH 1234 ijkl MNOP 5678", role: "author" }];
  const registeredMeta = new Set(opts.registeredMeta ?? []);
  const posts: WpPost[] = [];
  const tags: WpTerm[] = [{ id: 3, name: "News", slug: "news" }];
  const categories: WpTerm[] = [{ id: 1, name: "Uncategorized", slug: "uncategorized" }];
  const media: WpMedia[] = [];
  const comments: { id: number; post: number; status: "approved" | "hold" }[] = [];
  let nextId = 100;

  /** The logged-in user, null when anonymous, or the 401 a bad login gets. */
  function login(req: FakeRequest): { user: WpUser | null } | { reply: FakeReply } {
    const h = req.headers.authorization;
    if (typeof h !== "string" || !/^Basic\s+/i.test(h)) return { user: null };
    const decoded = Buffer.from(h.replace(/^Basic\s+/i, ""), "base64").toString("utf8");
    const i = decoded.indexOf(":");
    const user = users.find((u) => u.username === decoded.slice(0, i));
    const strip = (s: string) => s.replace(/[^a-z\d]/gi, "");
    const refused = !user
      ? err(401, "invalid_username", "<strong>Error:</strong> Unknown username. Check again or try your email address.")
      : strip(decoded.slice(i + 1)) !== strip(user.appPassword)
        ? err(401, "incorrect_password", "The provided password is an invalid application password.")
        : null;
    // Real (6.1): the REST server checks for login errors before it settles the user, so a refused
    // login is not reported; the request goes on anonymously.
    if (refused) return opts.authErrors === "detailed" ? { reply: refused } : { user: null };
    return { user: user! };
  }

  /** 401 when anonymous, 403 when logged in without `cap`. */
  const denied = (u: WpUser | null, cap: string, code: string, message: string): FakeReply | null => (can(u, cap) ? null : err(u ? 403 : 401, code, message));

  const termView = (t: WpTerm, taxonomy: string) => ({
    id: t.id,
    count: posts.filter((p) => p.tags.includes(t.id)).length,
    link: `${fake.url}/${taxonomy === "post_tag" ? "tag" : "category"}/${t.slug}/`,
    name: escapeName(t.name),
    slug: t.slug,
    taxonomy,
  });
  // Real: wptexturize in the rendered title turns a bare `&` into `&#038;` (kses'd `&amp;` stays).
  const renderTitle = (t: string) => t.replace(/&(?![a-z]+;|#\d+;|#x[0-9a-f]+;)/gi, "&#038;");
  const postView = (p: WpPost, edit: boolean) => ({
    id: p.id,
    date_gmt: p.date_gmt,
    guid: { rendered: `${fake.url}/?p=${p.id}` },
    link: p.link,
    status: p.status,
    type: "post",
    author: p.author,
    slug: p.slug,
    title: edit ? { raw: p.title, rendered: renderTitle(p.title) } : { rendered: renderTitle(p.title) },
    content: edit ? { raw: p.content, rendered: `<p>${p.content}</p>\n`, protected: false } : { rendered: `<p>${p.content}</p>\n`, protected: false },
    featured_media: p.featured_media,
    tags: p.tags,
    categories: p.categories,
    // Real: an object of registered meta; PHP's empty array ([]) when none is registered.
    meta: Object.keys(p.meta).length ? p.meta : [],
  });
  const list = (items: unknown[], total: number, perPage: number): FakeReply => ({
    status: 200,
    json: items,
    headers: { "x-wp-total": String(total), "x-wp-totalpages": String(Math.max(1, Math.ceil(total / perPage))) },
  });
  function perPageOf(req: FakeRequest): number | FakeReply {
    const n = Number(req.query.get("per_page") ?? 10);
    return Number.isInteger(n) && n >= 1 && n <= 100
      ? n
      : invalidParam("per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)", "rest_out_of_bounds");
  }
  function termIds(field: string, v: unknown, known: WpTerm[]): number[] | FakeReply {
    const bad = (why: string) => invalidParam(field, why, "rest_invalid_type");
    if (!Array.isArray(v)) return bad(`${field} is not of type array.`);
    const at = v.findIndex((x) => !Number.isInteger(x));
    if (at >= 0) return bad(`${field}[${at}] is not of type integer.`);
    if (v.some((x) => !known.some((t) => t.id === x))) return err(400, "rest_invalid_term_id", "Invalid term ID.");
    return v as number[];
  }

  fake.route("GET", "/wp-json/wp/v2/users/me", (req) => {
    const l = login(req);
    if ("reply" in l) return l.reply;
    const u = l.user;
    if (!u) return err(401, "rest_not_logged_in", "You are not currently logged in.");
    const base = { id: u.id, name: u.name, slug: u.username, link: `${fake.url}/author/${u.username}/` };
    if (req.query.get("context") !== "edit") return { status: 200, json: base };
    const capabilities = Object.fromEntries(CAPS[u.role].map((c) => [c, true]));
    return { status: 200, json: { ...base, username: u.username, roles: [u.role], capabilities } };
  });

  fake.route("GET", "/wp-json/wp/v2/tags", (req) => {
    const perPage = perPageOf(req);
    if (typeof perPage !== "number") return perPage;
    const q = fold(req.query.get("search") ?? "");
    const hits = tags.filter((t) => fold(t.name).includes(q) || t.slug.includes(q));
    return list(
      hits.slice(0, perPage).map((t) => termView(t, "post_tag")),
      hits.length,
      perPage,
    );
  });

  fake.route("POST", "/wp-json/wp/v2/tags", (req) => {
    const l = login(req);
    if ("reply" in l) return l.reply;
    // Tags are not hierarchical: assigning them (edit_posts) is enough to create one.
    const no = denied(l.user, "edit_posts", "rest_cannot_create", "Sorry, you are not allowed to create terms in this taxonomy.");
    if (no) return no;
    const b = (req.body ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(b).filter((k) => !["name", "slug", "description"].includes(k));
    if (unknown.length) return err(400, "rest_invalid_param", `Invalid parameter(s): ${unknown.join(", ")}`);
    if (typeof b.name !== "string" || !b.name.trim()) return err(400, "rest_missing_callback_param", "Missing parameter(s): name", { params: ["name"] });
    const name = b.name.trim();
    const slug = slugOf(name) || String(nextId);
    const same = tags.find((t) => fold(t.name) === fold(name) || t.slug === slug);
    if (same) {
      // Real: also `additional_data: [term_id, term_taxonomy_id]` beside `data`.
      const reply = err(400, "term_exists", "A term with the name provided already exists in this taxonomy.", { term_id: same.id });
      return { ...reply, json: { ...(reply.json as object), additional_data: [same.id, same.id] } };
    }
    const term = { id: nextId++, name, slug };
    tags.push(term);
    return { status: 201, json: termView(term, "post_tag") };
  });

  const mediaView = (m: WpMedia, edit: boolean) => ({
    id: m.id,
    date_gmt: "",
    slug: slugOf(m.title),
    status: "inherit",
    type: "attachment",
    link: `${fake.url}/${slugOf(m.title)}/`,
    title: edit ? { raw: m.title, rendered: m.title } : { rendered: m.title },
    author: m.author,
    alt_text: m.alt_text,
    media_type: m.mime_type.startsWith("image/") ? "image" : "file",
    mime_type: m.mime_type,
    media_details: { filesize: m.bytes },
    // Real: null when uploaded on its own (a featured image is not attached to its post).
    post: null,
    source_url: m.source_url,
  });

  fake.route("POST", "/wp-json/wp/v2/media", (req) => {
    const l = login(req);
    if ("reply" in l) return l.reply;
    // Real: anonymous fails the posts check first ("create posts"); a logged-in user without
    // upload_files gets the media one.
    if (!l.user) return err(401, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.");
    const no = denied(l.user, "upload_files", "rest_cannot_create", "Sorry, you are not allowed to upload media on this site.");
    if (no) return no;
    const disposition = req.headers["content-disposition"];
    if (typeof disposition !== "string") return err(400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.");
    const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
    if (!filename)
      return err(
        400,
        "rest_upload_invalid_disposition",
        'Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as `attachment; filename="image.png"` or similar.',
      );
    if (!req.raw.length) return err(400, "rest_upload_no_data", "No data supplied.");
    const mime = String(req.headers["content-type"] ?? "");
    // Real: WordPress reads the file; bytes that are not the type claimed are refused like a bad type.
    if (!/^(image|video)\//.test(mime) || !sniff(mime, req.raw))
      return err(500, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type.");
    // Real: stored under uploads/YYYY/MM/, a taken name gets `-1`, `-2` …; the title is that name.
    const dot = filename.lastIndexOf(".");
    const [base, ext] = dot > 0 ? [filename.slice(0, dot), filename.slice(dot)] : [filename, ""];
    const month = new Date().toISOString().slice(0, 7).replace("-", "/");
    let stored = base;
    for (let k = 1; media.some((m) => m.source_url.endsWith(`/${month}/${stored}${ext}`)); k++) stored = `${base}-${k}`;
    const item: WpMedia = {
      id: nextId++,
      author: l.user.id,
      title: stored,
      source_url: `${fake.url}/wp-content/uploads/${month}/${stored}${ext}`,
      mime_type: mime,
      // Real: alt text goes through sanitize_text_field (tags removed, trimmed).
      alt_text: (req.query.get("alt_text") ?? "")
        .replace(/<[^>]*>/g, "")
        .replace(/\s+/g, " ")
        .trim(),
      bytes: req.raw.length,
    };
    media.push(item);
    return { status: 201, json: mediaView(item, true) };
  });

  fake.route("GET", "/wp-json/wp/v2/media", (req) => {
    const l = login(req);
    if ("reply" in l) return l.reply;
    const edit = req.query.get("context") === "edit";
    if (edit && !can(l.user, "edit_posts"))
      return err(l.user ? 403 : 401, "rest_forbidden_context", "Sorry, you are not allowed to edit posts in this post type.");
    const perPage = perPageOf(req);
    if (typeof perPage !== "number") return perPage;
    const terms = searchTerms(req.query.get("search") ?? "");
    const hits = media.filter((m) => terms.every((t) => fold(m.title).includes(t))).reverse();
    return list(
      hits.slice(0, perPage).map((m) => mediaView(m, edit)),
      hits.length,
      perPage,
    );
  });

  fake.route("POST", "/wp-json/wp/v2/posts", (req) => {
    const l = login(req);
    if ("reply" in l) return l.reply;
    const u = l.user;
    const no = denied(u, "edit_posts", "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.");
    if (no || !u) return no as FakeReply;
    const b = (req.body ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(b).filter((k) => !POST_FIELDS.has(k));
    if (unknown.length) return err(400, "rest_invalid_param", `Invalid parameter(s): ${unknown.join(", ")}`);
    const status = b.status ?? "draft";
    if (typeof status !== "string" || !STATUSES.has(status))
      return invalidParam("status", "status is not one of publish, future, draft, pending, and private.", "rest_not_in_enum");
    if ((status === "publish" || status === "future") && !can(u, "publish_posts"))
      return err(403, "rest_cannot_publish", "Sorry, you are not allowed to publish posts in this post type.");
    const title = b.title === undefined ? "" : rawOf(b.title);
    const content = b.content === undefined ? "" : rawOf(b.content);
    if (title === null || content === null) return err(400, "rest_invalid_param", "Invalid parameter(s): title, content");
    if (!title.trim() && !content.trim() && !rawOf(b.excerpt)?.trim()) return err(400, "empty_content", "Content, title, and excerpt are empty.");
    const tagIds = b.tags === undefined ? [] : termIds("tags", b.tags, tags);
    if (!Array.isArray(tagIds)) return tagIds;
    const catIds = b.categories === undefined ? [1] : termIds("categories", b.categories, categories);
    if (!Array.isArray(catIds)) return catIds;
    const featured = b.featured_media ?? 0;
    if (featured !== 0 && !media.some((m) => m.id === featured)) return err(400, "rest_invalid_featured_media", "Invalid featured media ID.");
    const meta = (b.meta ?? {}) as Record<string, unknown>;
    const unregistered = Object.keys(meta).filter((k) => !registeredMeta.has(k));
    if (unregistered.length)
      return err(400, "rest_invalid_param", "Invalid parameter(s): meta", { params: { meta: `${unregistered.join(", ")} is not a registered meta key.` } });
    const id = nextId++;
    const post: WpPost = {
      id,
      author: u.id,
      status,
      title: kses(u, title, TITLE_TAGS),
      content: kses(u, content),
      tags: tagIds,
      categories: catIds,
      featured_media: Number(featured),
      meta,
      date_gmt: typeof b.date_gmt === "string" ? b.date_gmt : new Date().toISOString().slice(0, 19),
      slug: "",
      link: `${fake.url}/?p=${id}`,
    };
    // Real: published and scheduled posts get a pretty permalink from a unique slug of the title
    // (`/tom-jerry/`, then `/tom-jerry-2/`); drafts keep `?p=ID`.
    if (status === "publish" || status === "future") {
      const base = slugOf(post.title) || String(id);
      let slug = base;
      for (let k = 2; posts.some((p) => p.slug === slug); k++) slug = `${base}-${k}`;
      post.slug = slug;
      post.link = `${fake.url}/${slug}/`;
    }
    posts.push(post);
    return { status: 201, json: postView(post, true) };
  });

  fake.route("GET", "/wp-json/wp/v2/posts", (req) => {
    const l = login(req);
    if ("reply" in l) return l.reply;
    const asked = (req.query.get("status") ?? "publish").split(",");
    // Real: `any` is every status but trash; a status the user may not read is a 400 naming the
    // param, checked with the parameters, before the permission check (context=edit → 401/403).
    const statuses = asked.includes("any") ? [...STATUSES] : asked;
    if (statuses.some((s) => s !== "publish") && !can(l.user, "edit_posts"))
      return invalidParam("status", "Status is forbidden.", "rest_forbidden_status", { status: l.user ? 403 : 401 });
    const edit = req.query.get("context") === "edit";
    if (edit && !can(l.user, "edit_posts"))
      return err(l.user ? 403 : 401, "rest_forbidden_context", "Sorry, you are not allowed to edit posts in this post type.");
    const perPage = perPageOf(req);
    if (typeof perPage !== "number") return perPage;
    // WordPress search: every term must appear in the title, excerpt or content (see searchTerms).
    const terms = searchTerms(req.query.get("search") ?? "");
    const hits = posts.filter((p) => statuses.includes(p.status) && terms.every((t) => fold(p.title).includes(t) || fold(p.content).includes(t))).reverse();
    return list(
      hits.slice(0, perPage).map((p) => postView(p, edit)),
      hits.length,
      perPage,
    );
  });

  fake.route("GET", "/wp-json/wp/v2/comments", (req) => {
    const perPage = perPageOf(req);
    if (typeof perPage !== "number") return perPage;
    const post = Number(req.query.get("post"));
    const hits = comments.filter((c) => c.status === "approved" && (!req.query.has("post") || c.post === post));
    return list(
      hits.slice(0, perPage).map((c) => ({ id: c.id, post: c.post, status: c.status })),
      hits.length,
      perPage,
    );
  });

  const addComment = (post: number, status: "approved" | "hold" = "approved") => comments.push({ id: nextId++, post, status });
  return Object.assign(fake, { posts, tags, categories, media, comments, users, addComment });
}
