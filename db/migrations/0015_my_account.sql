ALTER TYPE "public"."token_purpose" ADD VALUE 'email-undo';--> statement-breakpoint
ALTER TABLE "member" ADD COLUMN "pending_email" text;--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_pending_email_lowercase" CHECK ("member"."pending_email" = lower("member"."pending_email"));