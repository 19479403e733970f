CREATE TABLE "best_time_models" (
	"workspace_id" uuid NOT NULL,
	"platform_account_id" uuid NOT NULL,
	"content_type" text DEFAULT '*' NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"prior" text NOT NULL,
	"prior_posts" integer DEFAULT 0 NOT NULL,
	"posts" integer NOT NULL,
	"effective_posts" double precision NOT NULL,
	"level" double precision,
	"level_sd" double precision,
	"sigma" double precision NOT NULL,
	"slots" jsonb NOT NULL,
	"data_through" timestamp with time zone,
	"learned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "best_time_models_platform_account_id_content_type_pk" PRIMARY KEY("platform_account_id","content_type")
);
--> statement-breakpoint
CREATE TABLE "best_time_refits" (
	"platform_account_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"platform_account_id" uuid NOT NULL,
	"source" text NOT NULL,
	"schedule_id" uuid,
	"posted_at" timestamp with time zone NOT NULL,
	"timezone" text NOT NULL,
	"weekday" smallint NOT NULL,
	"minute_of_day" smallint NOT NULL,
	"content_type" text DEFAULT 'post' NOT NULL,
	"impressions" integer,
	"reach" integer,
	"likes" integer,
	"comments" integer,
	"shares" integer,
	"clicks" integer,
	"followers" integer,
	"engagement_rate" double precision,
	"rate_basis" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "best_time_stats" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "best_time_stats" CASCADE;--> statement-breakpoint
-- Nothing in the app ever wrote optimization_trials: its rows (test fixtures at most) cannot be
-- read as trials of posting times, and the new columns below are required.
DELETE FROM "optimization_trials";--> statement-breakpoint
ALTER TABLE "optimization_trials" DROP CONSTRAINT "optimization_trials_content_item_id_content_items_id_fk";
--> statement-breakpoint
ALTER TABLE "schedules" ADD COLUMN "trial_id" uuid;--> statement-breakpoint
ALTER TABLE "schedules" ADD COLUMN "trial_arm" text;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "platform_account_id" uuid;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "platform_id" text;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "allocation" text DEFAULT 'alternate' NOT NULL;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "arms" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "timezone" text NOT NULL;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "stop_posts_per_arm" integer;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "stop_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "status" text DEFAULT 'running' NOT NULL;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "adopted_arm" text;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "adopted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "adopted_by" uuid;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "best_time_models" ADD CONSTRAINT "best_time_models_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "best_time_models" ADD CONSTRAINT "best_time_models_platform_account_id_platform_accounts_id_fk" FOREIGN KEY ("platform_account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "best_time_refits" ADD CONSTRAINT "best_time_refits_platform_account_id_platform_accounts_id_fk" FOREIGN KEY ("platform_account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "best_time_refits" ADD CONSTRAINT "best_time_refits_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_observations" ADD CONSTRAINT "engagement_observations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_observations" ADD CONSTRAINT "engagement_observations_platform_account_id_platform_accounts_id_fk" FOREIGN KEY ("platform_account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_observations" ADD CONSTRAINT "engagement_observations_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_observations" ADD CONSTRAINT "engagement_observations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "best_time_models_learned_idx" ON "best_time_models" USING btree ("learned_at");--> statement-breakpoint
CREATE INDEX "engagement_observations_account_idx" ON "engagement_observations" USING btree ("platform_account_id","posted_at");--> statement-breakpoint
CREATE INDEX "engagement_observations_workspace_idx" ON "engagement_observations" USING btree ("workspace_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_observations_schedule_idx" ON "engagement_observations" USING btree ("schedule_id");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_observations_imported_idx" ON "engagement_observations" USING btree ("platform_account_id","posted_at") WHERE "engagement_observations"."source" = 'imported';--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_trial_id_optimization_trials_id_fk" FOREIGN KEY ("trial_id") REFERENCES "public"."optimization_trials"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD CONSTRAINT "optimization_trials_platform_account_id_platform_accounts_id_fk" FOREIGN KEY ("platform_account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD CONSTRAINT "optimization_trials_adopted_by_users_id_fk" FOREIGN KEY ("adopted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optimization_trials" ADD CONSTRAINT "optimization_trials_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "schedules_trial_idx" ON "schedules" USING btree ("trial_id") WHERE "schedules"."trial_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "optimization_trials_workspace_idx" ON "optimization_trials" USING btree ("workspace_id","status");--> statement-breakpoint
ALTER TABLE "optimization_trials" DROP COLUMN "content_item_id";--> statement-breakpoint
ALTER TABLE "optimization_trials" DROP COLUMN "variants";--> statement-breakpoint
ALTER TABLE "optimization_trials" DROP COLUMN "started_at";