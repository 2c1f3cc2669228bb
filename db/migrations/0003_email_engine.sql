ALTER TABLE "email_message" ADD COLUMN "sender" text NOT NULL;--> statement-breakpoint
ALTER TABLE "email_message" ADD COLUMN "reply_to" text;--> statement-breakpoint
CREATE INDEX "email_message_batch_idx" ON "email_message" USING btree ("batch_key") WHERE "email_message"."status" in ('queued', 'sending');