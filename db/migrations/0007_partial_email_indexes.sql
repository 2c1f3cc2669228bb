DROP INDEX "email_message_provider_id_uq";--> statement-breakpoint
DROP INDEX "email_message_batch_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "email_message_provider_id_uq" ON "email_message" USING btree ("provider_id") WHERE "email_message"."provider_id" is not null;--> statement-breakpoint
CREATE INDEX "email_message_batch_idx" ON "email_message" USING btree ("batch_key") WHERE "email_message"."batch_key" is not null and "email_message"."status" in ('queued', 'sending');