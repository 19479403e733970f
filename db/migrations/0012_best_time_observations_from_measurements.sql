-- best_time_stats kept only running means; the model needs each post's result. Every measured
-- post's +24 h reading is still in content_analytics, so the observations are rebuilt from there
-- (rate as lib/analytics/measurements.ts computes it; a zone Postgres does not know reads as UTC).
INSERT INTO "engagement_observations" ("workspace_id", "platform_account_id", "source", "schedule_id", "posted_at", "timezone", "weekday", "minute_of_day", "content_type", "impressions", "reach", "likes", "comments", "shares", "clicks", "engagement_rate", "rate_basis", "created_at", "updated_at")
SELECT s."workspace_id", s."platform_account_id", 'measured', s."id", s."published_at", z.tz,
  extract(dow FROM s."published_at" AT TIME ZONE z.tz)::smallint,
  (extract(hour FROM s."published_at" AT TIME ZONE z.tz) * 60 + extract(minute FROM s."published_at" AT TIME ZONE z.tz))::smallint,
  c."content_type"::text, a."impressions", a."reach", a."likes_count", a."comments_count", a."shares_count", a."clicks_count",
  CASE WHEN a."impressions" > 0 THEN (a."likes_count" + a."shares_count" + a."comments_count" + a."clicks_count")::double precision / a."impressions"
       WHEN a."reach" > 0 THEN (a."likes_count" + a."shares_count" + a."comments_count" + a."clicks_count")::double precision / a."reach" END,
  CASE WHEN a."impressions" > 0 THEN 'impressions' WHEN a."reach" > 0 THEN 'reach' END,
  a."measured_at", a."measured_at"
FROM "schedules" s
JOIN "content_analytics" a ON a."id"::text = s."metadata"->'analytics'->'24h'->>'analytics_id'
JOIN "content_items" c ON c."id" = s."content_item_id"
CROSS JOIN LATERAL (SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = s."timezone") THEN s."timezone" ELSE 'UTC' END AS tz) z
WHERE s."published_at" IS NOT NULL;
--> statement-breakpoint
INSERT INTO "best_time_refits" ("platform_account_id", "workspace_id") SELECT DISTINCT "platform_account_id", "workspace_id" FROM "engagement_observations" ON CONFLICT DO NOTHING;
