ALTER TABLE "email_message" ALTER COLUMN "html" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "email_message" ALTER COLUMN "text" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "email_message" ADD COLUMN "render_props" jsonb;--> statement-breakpoint
ALTER TABLE "email_message" ADD CONSTRAINT "email_message_content" CHECK (("email_message"."html" is not null and "email_message"."text" is not null) or "email_message"."render_props" is not null);