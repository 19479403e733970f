CREATE TABLE "metric_counters" (
	"name" text NOT NULL,
	"labels" text DEFAULT '' NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "metric_counters_name_labels_pk" PRIMARY KEY("name","labels")
);
--> statement-breakpoint
CREATE TABLE "publishing_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platform_accounts" ADD COLUMN "bucket_tokens" double precision;--> statement-breakpoint
ALTER TABLE "platform_accounts" ADD COLUMN "bucket_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "platform_accounts" ADD COLUMN "bucket2_tokens" double precision;--> statement-breakpoint
ALTER TABLE "platform_accounts" ADD COLUMN "bucket2_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "publishing_events" ADD CONSTRAINT "publishing_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publishing_events_workspace_idx" ON "publishing_events" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "publishing_events_created_idx" ON "publishing_events" USING btree ("created_at");