import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { contentItems, users } from "../schema";
import { contentMediaIds } from "./media-write";

/** A time as the API writes it (Date#toISOString: UTC, milliseconds, `Z`), or null. */
const iso = (t: SQLWrapper) => sql`to_char(${t} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The characters JavaScript's String#trim removes (white space and line terminators). */
const JS_SPACE = String.raw`[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]`;

/**
 * A post's own link tracking as readPostLinkTracking (lib/links/settings) reads it: the stored
 * object when it is well formed (only `enabled` and `override_existing` as booleans and
 * `utm_campaign` as text of at most 100 characters after trimming, without braces), its campaign
 * trimmed; anything else null.
 */
function postLinkTracking(stored: SQLWrapper): SQL {
  const campaign = sql`regexp_replace(${stored}->>'utm_campaign', ${`^${JS_SPACE}+|${JS_SPACE}+$`}, '', 'g')`;
  return sql`case when jsonb_typeof(${stored}) = 'object'
      and ${stored} - array['enabled', 'utm_campaign', 'override_existing'] = '{}'::jsonb
      and coalesce(jsonb_typeof(${stored}->'enabled'), 'boolean') = 'boolean'
      and coalesce(jsonb_typeof(${stored}->'override_existing'), 'boolean') = 'boolean'
      and coalesce(jsonb_typeof(${stored}->'utm_campaign'), 'string') = 'string'
      and (not ${stored} ? 'utm_campaign' or (char_length(${campaign}) <= 100 and ${campaign} !~ '[{}]'))
    then case when ${stored} ? 'utm_campaign' then ${stored} || jsonb_build_object('utm_campaign', ${campaign}) else ${stored} end
    end`;
}

/**
 * A content item (joined with its author, `users`) as the API's JSON object, built by Postgres:
 * the same object, key for key and in the same order, as contentOut (lib/operations/shapes/content)
 * makes of the item's row. The list of content sends these as they come (listContentJson); a test
 * holds the two equal for every kind of value.
 */
export const contentJson = sql<string>`json_build_object(
  'id', ${contentItems.id},
  'title', ${contentItems.title},
  'content', ${contentItems.content},
  'summary', ${contentItems.summary},
  'content_type', ${contentItems.contentType},
  'status', ${contentItems.status},
  'platform_configs', case when jsonb_typeof(${contentItems.platformConfigs}) = 'object' then ${contentItems.platformConfigs} else '{}'::jsonb end,
  'tags', ${contentItems.tags},
  'author_id', ${contentItems.authorId},
  'author_name', ${users.name},
  'source_type', ${contentItems.sourceType},
  'source_reference', ${contentItems.sourceReference},
  'scheduled_for', ${iso(contentItems.scheduledFor)},
  'published_at', ${iso(contentItems.publishedAt)},
  'expires_at', ${iso(contentItems.expiresAt)},
  'archived_at', ${iso(contentItems.archivedAt)},
  'media_ids', ${contentMediaIds(contentItems.id)},
  'link_tracking', ${postLinkTracking(contentItems.linkTracking)},
  'version', ${contentItems.version},
  'created_at', ${iso(contentItems.createdAt)},
  'updated_at', ${iso(contentItems.updatedAt)}
)`;
