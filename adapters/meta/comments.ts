/**
 * First comments on Facebook Pages and Instagram: `POST /{object-id}/comments` with `message`
 * (Graph API, versioned path, `access_token` parameter) answers `{ id }`. Neither honours a key,
 * so the first send is timestamped in the comment's state and a lookup after a lost answer reads
 * the object's comments (`GET /{object-id}/comments`) for one by this account with the same text.
 */
import type { AdapterContext, CommentPublisher } from "../adapter";
import type { Graph } from "./graph";
import { idOf, listOf, str } from "./graph";

export interface GraphCommentsSpec {
  platform: string;
  api: (ctx: AdapterContext) => Graph;
  /** The account's own id on the platform (Page id, IG user id): whose comments match. */
  self: (ctx: AdapterContext) => string;
  /** The comment's text field in a list answer: Facebook `message`, Instagram `text`. */
  textField: "message" | "text";
  /** Where the comment can be seen: under the post. */
  url: (parentUrl: string | null, id: string) => string | null;
}

const same = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

export function graphComments(spec: GraphCommentsSpec): CommentPublisher {
  return {
    async publish(ctx, c) {
      if (!c.state.sent_at) await c.saveState({ sent_at: new Date().toISOString() });
      const res = await spec.api(ctx).post(`/${encodeURIComponent(c.parent.id)}/comments`, { message: c.text }, "publishing the first comment");
      const id = idOf(res.data, "id", spec.platform);
      return { id, url: spec.url(c.parent.url ?? null, id), httpStatus: res.status, responseExcerpt: res.text.slice(0, 500) };
    },
    async find(ctx, c) {
      // Never sent: certainly not there.
      if (!c.state.sent_at) return null;
      const fields = `id,${spec.textField},from,${spec.textField === "text" ? "timestamp" : "created_time"}`;
      const data = await spec.api(ctx).get(`/${encodeURIComponent(c.parent.id)}/comments`, { fields, limit: 100 }, "checking the post's comments");
      const self = spec.self(ctx);
      const hit = listOf(data).find((x) => {
        const from = (x.from ?? {}) as Record<string, unknown>;
        return str(from.id) === self && same(str(x[spec.textField]) ?? "", c.text);
      });
      const id = hit ? str(hit.id) : null;
      return id ? { id, url: spec.url(c.parent.url ?? null, id) } : null;
    },
  };
}
