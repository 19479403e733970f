/**
 * Dev.to (Forem API v1) as its documentation and its Article model describe it:
 *
 * - every call needs `Accept: application/vnd.forem.api-v1+json` (Forem: "Version 1 requires
 *   clients to use an accept header"). Forem itself routes a request without it to the deprecated
 *   V0 API; it documents no status for that, so this fake answers 406 Not Acceptable, which makes
 *   an adapter that forgets the header fail loudly;
 * - `api-key` header, else 401 `{ error: "unauthorized", status: 401 }`;
 * - `POST /api/articles` `{ article: {…} }`: title present and ≤ 128 characters, ≤ 4 tags, each
 *   letters/digits only and ≤ 30 characters, body_markdown ≤ 800 KB and unique per (user,
 *   title), canonical_url unique among published articles — all 422 `{ error, status }`;
 * - article creation limited to 10 per 30 s per user → 429 with Retry-After (window and clock
 *   are options so tests need no sleeps);
 * - `GET /api/articles/me/all?page&per_page` (newest first) and `GET /api/users/me`.
 *
 * Forem's strong parameters silently drop unknown article fields; this fake rejects them (422)
 * so a misspelt field fails a test instead of vanishing.
 */
import { FakePlatform, type FakeReply, type FakeRequest } from "./server";

export const FOREM_ACCEPT = "application/vnd.forem.api-v1+json";
const ARTICLE_FIELDS = new Set(["title", "body_markdown", "published", "tags", "canonical_url", "main_image", "description", "series", "organization_id"]);
const BODY_MAX_BYTES = 800 * 1024;

export interface DevtoUser {
  id: number;
  username: string;
  name: string;
}

export interface DevtoArticle {
  type_of: "article";
  id: number;
  user_id: number;
  title: string;
  description: string;
  body_markdown: string;
  published: boolean;
  published_at: string | null;
  slug: string;
  path: string;
  url: string;
  canonical_url: string;
  cover_image: string | null;
  tag_list: string[];
  comments_count: number;
  public_reactions_count: number;
  page_views_count: number;
}

export interface DevtoFakeOptions {
  apiKey: string;
  user?: DevtoUser;
  /** Article creations allowed per window (Forem: 10 per 30 s). */
  createLimit?: number;
  windowMs?: number;
  /** Clock for the rate limit; tests move it instead of sleeping. */
  now?: () => number;
}

const fail = (status: number, error: string): FakeReply => ({ status, json: { error, status } });
const isUrl = (v: unknown) => typeof v === "string" && /^https?:\/\/[^\s]+$/.test(v);

export function createDevtoFake(opts: DevtoFakeOptions) {
  const fake = new FakePlatform("devto");
  const user = opts.user ?? { id: 4242, username: "sched_tester", name: "Schedule Tester" };
  const now = opts.now ?? Date.now;
  const limit = opts.createLimit ?? 10;
  const windowMs = opts.windowMs ?? 30_000;
  const articles: DevtoArticle[] = [];
  const creations: number[] = [];
  let nextId = 1000;

  /** Header checks every endpoint shares; null when the request may go on. */
  function gate(req: FakeRequest): FakeReply | null {
    const accept = req.headers.accept ?? "";
    if (!accept.split(",").some((a) => a.trim() === FOREM_ACCEPT)) {
      return fail(406, `API v1 needs the header Accept: ${FOREM_ACCEPT}`);
    }
    if (req.headers["api-key"] !== opts.apiKey) return fail(401, "unauthorized");
    return null;
  }

  function validate(a: Record<string, unknown>): string | null {
    const unknown = Object.keys(a).filter((k) => !ARTICLE_FIELDS.has(k));
    if (unknown.length) return `Unpermitted parameters: ${unknown.join(", ")}`;
    if (typeof a.title !== "string" || !a.title.trim()) return "Title can't be blank";
    if (a.title.length > 128) return "Title is too long (maximum is 128 characters)";
    if (a.body_markdown !== undefined && typeof a.body_markdown !== "string") return "body_markdown must be a string";
    if (Buffer.byteLength(String(a.body_markdown ?? "")) > BODY_MAX_BYTES) return "Body markdown is too long.";
    if (a.published !== undefined && typeof a.published !== "boolean") return "published must be true or false";
    if (a.tags !== undefined) {
      if (!Array.isArray(a.tags) || a.tags.some((t) => typeof t !== "string")) return "tags must be an array of strings";
      if (a.tags.length > 4) return "Tag list exceed the maximum of 4 tags";
      for (const t of a.tags as string[]) {
        if (!/^[\p{L}\p{N}]+$/u.test(t)) return `Tag "${t}" contains non-alphanumeric or prohibited unicode characters`;
        if (t.length > 30) return `Tag "${t}" is too long (maximum is 30 characters)`;
      }
    }
    for (const k of ["canonical_url", "main_image"] as const) {
      if (a[k] !== undefined && a[k] !== null && !isUrl(a[k])) return `${k === "main_image" ? "Main image" : "Canonical url"} is not a valid URL`;
    }
    const title = a.title.trim();
    const body = String(a.body_markdown ?? "");
    if (articles.some((x) => x.user_id === user.id && x.title === title && x.body_markdown === body)) return "Body markdown has already been taken";
    if (typeof a.canonical_url === "string" && articles.some((x) => x.published && x.canonical_url === a.canonical_url)) {
      return "Canonical url has already been taken. Email yo@dev.to for further details.";
    }
    return null;
  }

  fake.route("POST", "/api/articles", (req) => {
    const denied = gate(req);
    if (denied) return denied;
    const t = now();
    while (creations.length && (creations[0] as number) <= t - windowMs) creations.shift();
    if (creations.length >= limit) {
      const wait = Math.max(1, Math.ceil(((creations[0] as number) + windowMs - t) / 1000));
      return { ...fail(429, `Rate limit reached, try again in ${wait} seconds`), headers: { "retry-after": String(wait) } };
    }
    const body = req.body as { article?: unknown } | null;
    const a = body && typeof body.article === "object" && body.article ? (body.article as Record<string, unknown>) : null;
    if (!a) return fail(422, "param is missing or the value is empty: article");
    const problem = validate(a);
    if (problem) return fail(422, problem);
    creations.push(t);
    const id = nextId++;
    const title = String(a.title).trim();
    const slug = `${
      title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 60) || "post"
    }-${id.toString(36)}`;
    const url = `${fake.url}/${user.username}/${slug}`;
    const published = a.published === true;
    const article: DevtoArticle = {
      type_of: "article",
      id,
      user_id: user.id,
      title,
      description: typeof a.description === "string" ? a.description : String(a.body_markdown ?? "").slice(0, 140),
      body_markdown: String(a.body_markdown ?? ""),
      published,
      published_at: published ? new Date(t).toISOString() : null,
      slug,
      path: `/${user.username}/${slug}`,
      url,
      // Forem answers the article's own URL when no canonical URL was given.
      canonical_url: typeof a.canonical_url === "string" ? a.canonical_url : url,
      cover_image: typeof a.main_image === "string" ? a.main_image : null,
      // Forem lower-cases tags (acts_as_taggable_on with force_lowercase).
      tag_list: ((a.tags as string[] | undefined) ?? []).map((x) => x.toLowerCase()),
      comments_count: 0,
      public_reactions_count: 0,
      page_views_count: 0,
    };
    articles.push(article);
    return { status: 201, json: { ...article, tags: article.tag_list.join(", "), user: { username: user.username, name: user.name } } };
  });

  fake.route("GET", "/api/articles/me/all", (req) => {
    const denied = gate(req);
    if (denied) return denied;
    const perPage = Math.min(1000, Math.max(1, Number(req.query.get("per_page") ?? 30) || 30));
    const page = Math.max(1, Number(req.query.get("page") ?? 1) || 1);
    const mine = articles.filter((x) => x.user_id === user.id).reverse();
    return { status: 200, json: mine.slice((page - 1) * perPage, page * perPage) };
  });

  fake.route("GET", "/api/users/me", (req) => {
    const denied = gate(req);
    if (denied) return denied;
    return { status: 200, json: { type_of: "user", id: user.id, username: user.username, name: user.name, summary: null, joined_at: "Jan 1, 2024" } };
  });

  return Object.assign(fake, { articles, user });
}
