ALTER TABLE "user_preferences" ADD COLUMN "timezone_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "locale" text;