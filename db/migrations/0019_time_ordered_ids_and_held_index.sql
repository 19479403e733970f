-- A UUID version 7 (RFC 9562): 48 bits of Unix time in milliseconds, then the version (7), the
-- variant and random bits, from a random version 4 UUID with its first six bytes replaced by the
-- time and its version nibble turned from 4 into 7. Built in from Postgres 18 as uuidv7(); this
-- works from 13 and in the embedded database.
CREATE OR REPLACE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    overlay(set_bit(set_bit(uuid_send(gen_random_uuid()), 52, 1), 53, 1)
      PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
    'hex')::uuid
$$;--> statement-breakpoint
ALTER TABLE "content_items" ALTER COLUMN "id" SET DEFAULT uuid_v7();--> statement-breakpoint
ALTER TABLE "publish_attempts" ALTER COLUMN "id" SET DEFAULT uuid_v7();--> statement-breakpoint
ALTER TABLE "schedules" ALTER COLUMN "id" SET DEFAULT uuid_v7();--> statement-breakpoint
CREATE INDEX "schedules_held_idx" ON "schedules" USING btree ("workspace_id","original_time") WHERE "schedules"."publish_status" = 'paused' AND "schedules"."error_code" = 'awaiting_approval';