ALTER TABLE "email_event" ADD COLUMN "occurrences" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "token" ADD COLUMN "opened_event_at" timestamp with time zone;--> statement-breakpoint
-- Openings stored in the same instant before this become one event counted that many times, so the index can be built.
WITH "kept" AS (
	SELECT (array_agg("id" ORDER BY "created_at", "id"))[1] AS "id", "message_id", "occurred_at", count(*) AS "n"
	FROM "email_event" WHERE "type" = 'link_opened' GROUP BY "message_id", "occurred_at" HAVING count(*) > 1
), "counted" AS (
	UPDATE "email_event" SET "occurrences" = "kept"."n" FROM "kept" WHERE "email_event"."id" = "kept"."id"
)
DELETE FROM "email_event" USING "kept"
WHERE "email_event"."type" = 'link_opened' AND "email_event"."message_id" = "kept"."message_id"
	AND "email_event"."occurred_at" = "kept"."occurred_at" AND "email_event"."id" <> "kept"."id";--> statement-breakpoint
CREATE UNIQUE INDEX "email_event_link_opened_uq" ON "email_event" USING btree ("message_id","occurred_at") WHERE "email_event"."type" = 'link_opened';