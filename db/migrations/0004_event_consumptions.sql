CREATE TABLE "event_consumptions" (
	"consumer" text NOT NULL,
	"event_id" bigint NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_consumptions_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
ALTER TABLE "event_consumptions" ADD CONSTRAINT "event_consumptions_event_id_publishing_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."publishing_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_consumptions_event_idx" ON "event_consumptions" USING btree ("event_id");