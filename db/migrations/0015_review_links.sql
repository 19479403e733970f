CREATE TABLE "review_link_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_link_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"content_item_id" uuid NOT NULL,
	"content_version" integer NOT NULL,
	"decision" text NOT NULL,
	"outcome" text NOT NULL,
	"reviewer_name" text NOT NULL,
	"comment" text,
	"approval_request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_by" uuid,
	"token_hash" text NOT NULL,
	"token_encrypted" text,
	"kind" text NOT NULL,
	"content_ids" uuid[],
	"start_date" text,
	"end_date" text,
	"timezone" text NOT NULL,
	"item_versions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"label" text,
	"note" text,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "review_comments" ADD COLUMN "external_author" text;--> statement-breakpoint
ALTER TABLE "review_link_decisions" ADD CONSTRAINT "review_link_decisions_review_link_id_review_links_id_fk" FOREIGN KEY ("review_link_id") REFERENCES "public"."review_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_link_decisions" ADD CONSTRAINT "review_link_decisions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_link_decisions" ADD CONSTRAINT "review_link_decisions_content_item_id_content_items_id_fk" FOREIGN KEY ("content_item_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_link_decisions" ADD CONSTRAINT "review_link_decisions_approval_request_id_approval_requests_id_fk" FOREIGN KEY ("approval_request_id") REFERENCES "public"."approval_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_links" ADD CONSTRAINT "review_links_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_links" ADD CONSTRAINT "review_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_links" ADD CONSTRAINT "review_links_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_link_decisions_once_idx" ON "review_link_decisions" USING btree ("review_link_id","content_item_id");--> statement-breakpoint
CREATE INDEX "review_link_decisions_item_idx" ON "review_link_decisions" USING btree ("content_item_id");--> statement-breakpoint
CREATE INDEX "review_links_workspace_idx" ON "review_links" USING btree ("workspace_id","created_at");