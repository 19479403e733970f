ALTER TABLE "content_variants" ADD COLUMN "first_comment" text;--> statement-breakpoint
ALTER TABLE "schedules" ADD COLUMN "first_comment" jsonb;--> statement-breakpoint
CREATE INDEX "schedules_comment_due_idx" ON "schedules" USING btree ("published_at") WHERE ("schedules"."first_comment"->>'status') IN ('pending', 'sending');