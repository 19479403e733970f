CREATE TYPE "public"."alert_rule_kind" AS ENUM('failure_rate', 'platform_down', 'queue_lag', 'no_runner', 'account_reconnect', 'engagement_low');--> statement-breakpoint
CREATE TYPE "public"."alert_state" AS ENUM('pending', 'firing', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."health_status" AS ENUM('ok', 'warn', 'fail');--> statement-breakpoint
CREATE TABLE "alert_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"rule_id" uuid,
	"kind" "alert_rule_kind" NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"subject_label" text,
	"state" "alert_state" DEFAULT 'pending' NOT NULL,
	"pending_since" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"value" double precision,
	"peak_value" double precision,
	"last_value" double precision,
	"threshold" double precision,
	"clear_since" timestamp with time zone,
	"last_evaluated_at" timestamp with time zone,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" "alert_rule_kind" NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"for_minutes" integer DEFAULT 0 NOT NULL,
	"resolve_after_minutes" integer DEFAULT 5 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_samples" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"workspace_id" uuid,
	"check" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"status" "health_status" NOT NULL,
	"value" double precision,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_incidents" ADD CONSTRAINT "alert_incidents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_incidents" ADD CONSTRAINT "alert_incidents_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_samples" ADD CONSTRAINT "health_samples_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_incidents_open_idx" ON "alert_incidents" USING btree ("rule_id","subject") WHERE "alert_incidents"."state" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alert_incidents_workspace_idx" ON "alert_incidents" USING btree ("workspace_id","pending_since");--> statement-breakpoint
CREATE INDEX "alert_rules_workspace_idx" ON "alert_rules" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "health_samples_instance_idx" ON "health_samples" USING btree ("check","subject","at") WHERE "health_samples"."workspace_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "health_samples_workspace_idx" ON "health_samples" USING btree ("workspace_id","check","subject","at") WHERE "health_samples"."workspace_id" is not null;--> statement-breakpoint
CREATE INDEX "health_samples_at_idx" ON "health_samples" USING btree ("at");