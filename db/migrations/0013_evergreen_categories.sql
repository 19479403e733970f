CREATE TABLE "evergreen_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"color" text,
	"min_days" integer DEFAULT 30 NOT NULL,
	"order_by" text DEFAULT 'oldest_first' NOT NULL,
	"max_reposts" integer,
	"platform_account_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evergreen_items" (
	"category_id" uuid NOT NULL,
	"content_item_id" uuid NOT NULL,
	"texts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evergreen_items_category_id_content_item_id_pk" PRIMARY KEY("category_id","content_item_id")
);
--> statement-breakpoint
CREATE TABLE "evergreen_placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"category_id" uuid,
	"content_item_id" uuid NOT NULL,
	"platform_account_id" uuid NOT NULL,
	"schedule_id" uuid,
	"slot_at" timestamp with time zone NOT NULL,
	"text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evergreen_skips" (
	"category_id" uuid NOT NULL,
	"content_item_id" uuid NOT NULL,
	"platform_account_id" uuid NOT NULL,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evergreen_skips_category_id_content_item_id_platform_account_id_pk" PRIMARY KEY("category_id","content_item_id","platform_account_id")
);
--> statement-breakpoint
ALTER TABLE "evergreen_categories" ADD CONSTRAINT "evergreen_categories_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evergreen_categories" ADD CONSTRAINT "evergreen_categories_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evergreen_items" ADD CONSTRAINT "evergreen_items_category_id_evergreen_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."evergreen_categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evergreen_items" ADD CONSTRAINT "evergreen_items_content_item_id_content_items_id_fk" FOREIGN KEY ("content_item_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evergreen_placements" ADD CONSTRAINT "evergreen_placements_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evergreen_placements" ADD CONSTRAINT "evergreen_placements_category_id_evergreen_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."evergreen_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evergreen_placements" ADD CONSTRAINT "evergreen_placements_content_item_id_content_items_id_fk" FOREIGN KEY ("content_item_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evergreen_placements" ADD CONSTRAINT "evergreen_placements_platform_account_id_platform_accounts_id_fk" FOREIGN KEY ("platform_account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evergreen_placements" ADD CONSTRAINT "evergreen_placements_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evergreen_skips" ADD CONSTRAINT "evergreen_skips_category_id_evergreen_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."evergreen_categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evergreen_skips" ADD CONSTRAINT "evergreen_skips_content_item_id_content_items_id_fk" FOREIGN KEY ("content_item_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evergreen_skips" ADD CONSTRAINT "evergreen_skips_platform_account_id_platform_accounts_id_fk" FOREIGN KEY ("platform_account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evergreen_categories_name_idx" ON "evergreen_categories" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "evergreen_items_content_idx" ON "evergreen_items" USING btree ("content_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evergreen_placements_slot_idx" ON "evergreen_placements" USING btree ("platform_account_id","slot_at");--> statement-breakpoint
CREATE INDEX "evergreen_placements_item_idx" ON "evergreen_placements" USING btree ("content_item_id","platform_account_id");