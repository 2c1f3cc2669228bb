CREATE TYPE "public"."email_problem" AS ENUM('bounced', 'complained');--> statement-breakpoint
CREATE TYPE "public"."email_status" AS ENUM('queued', 'sending', 'sent', 'delivered', 'bounced', 'complained', 'delayed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."job_kind" AS ENUM('import', 'bulk_send');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('queued', 'running', 'done', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."member_role" AS ENUM('owner', 'admin', 'site_manager', 'supervisor', 'member');--> statement-breakpoint
CREATE TYPE "public"."member_status" AS ENUM('pending', 'active', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."token_purpose" AS ENUM('invite', 'reset', 'email-verify');--> statement-breakpoint
CREATE TABLE "audit_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"actor_member_id" uuid,
	"actor_support_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"type" text NOT NULL,
	"provider_event_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"member_id" uuid,
	"token_id" uuid,
	"job_id" uuid,
	"template" text NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"status" "email_status" DEFAULT 'queued' NOT NULL,
	"provider_id" text,
	"idempotency_key" text NOT NULL,
	"batch_key" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" "job_kind" NOT NULL,
	"status" "job_status" DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by_id" uuid,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"extension" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"login_name" text,
	"role" "member_role" DEFAULT 'member' NOT NULL,
	"site_id" uuid,
	"department" text,
	"team_id" uuid,
	"direct_number" text,
	"portal_access" boolean DEFAULT true NOT NULL,
	"status" "member_status" DEFAULT 'pending' NOT NULL,
	"primary_email" text,
	"primary_email_problem" "email_problem",
	"password_hash" text,
	"voicemail_pin_hash" text,
	"device_pin_hash" text,
	"language" text,
	"time_zone" text,
	"listed_in_directory" boolean DEFAULT true NOT NULL,
	"confirmation_sent_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"created_by_id" uuid,
	"session_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_extension_digits" CHECK ("member"."extension" ~ '^[0-9]{2,8}$'),
	CONSTRAINT "member_direct_number_e164" CHECK ("member"."direct_number" ~ '^\+[1-9][0-9]{6,14}$'),
	CONSTRAINT "member_email_lowercase" CHECK ("member"."primary_email" = lower("member"."primary_email")),
	CONSTRAINT "member_login_name_lowercase" CHECK ("member"."login_name" = lower("member"."login_name")),
	CONSTRAINT "member_portal_access_needs_login" CHECK (not "member"."portal_access" or ("member"."login_name" is not null and "member"."primary_email" is not null)),
	CONSTRAINT "member_no_portal_no_password" CHECK ("member"."portal_access" or "member"."password_hash" is null)
);
--> statement-breakpoint
CREATE TABLE "member_email" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"email" text NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_email_email_lowercase" CHECK ("member_email"."email" = lower("member_email"."email"))
);
--> statement-breakpoint
CREATE TABLE "organization" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"sender_name" text NOT NULL,
	"reply_to" text,
	"invite_link_days" smallint DEFAULT 30 NOT NULL,
	"reset_link_minutes" smallint DEFAULT 360 NOT NULL,
	"min_password_length" smallint DEFAULT 15 NOT NULL,
	"default_language" text DEFAULT 'en' NOT NULL,
	"default_time_zone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_slug_format" CHECK ("organization"."slug" ~ '^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$'),
	CONSTRAINT "organization_invite_link_days" CHECK ("organization"."invite_link_days" between 1 and 30),
	CONSTRAINT "organization_reset_link_minutes" CHECK ("organization"."reset_link_minutes" between 15 and 1440),
	CONSTRAINT "organization_min_password_length" CHECK ("organization"."min_password_length" between 8 and 64)
);
--> statement-breakpoint
CREATE TABLE "provider_rate" (
	"provider" text PRIMARY KEY NOT NULL,
	"next_slot_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_manager" (
	"site_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "site_manager_site_id_member_id_pk" PRIMARY KEY("site_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "support_staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_staff_email_lowercase" CHECK ("support_staff"."email" = lower("support_staff"."email"))
);
--> statement-breakpoint
CREATE TABLE "team" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_supervisor" (
	"team_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "team_supervisor_team_id_member_id_pk" PRIMARY KEY("team_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"purpose" "token_purpose" NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"sent_to" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_actor_member_id_member_id_fk" FOREIGN KEY ("actor_member_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_actor_support_id_support_staff_id_fk" FOREIGN KEY ("actor_support_id") REFERENCES "public"."support_staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_event" ADD CONSTRAINT "email_event_message_id_email_message_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."email_message"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_message" ADD CONSTRAINT "email_message_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_message" ADD CONSTRAINT "email_message_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_message" ADD CONSTRAINT "email_message_token_id_token_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."token"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_message" ADD CONSTRAINT "email_message_job_id_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."job"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job" ADD CONSTRAINT "job_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job" ADD CONSTRAINT "job_created_by_id_member_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_site_id_site_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."site"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_email" ADD CONSTRAINT "member_email_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site" ADD CONSTRAINT "site_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_manager" ADD CONSTRAINT "site_manager_site_id_site_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."site"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_manager" ADD CONSTRAINT "site_manager_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_supervisor" ADD CONSTRAINT "team_supervisor_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_supervisor" ADD CONSTRAINT "team_supervisor_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token" ADD CONSTRAINT "token_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_org_time_idx" ON "audit_event" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_event_target_idx" ON "audit_event" USING btree ("target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "email_event_provider_event_uq" ON "email_event" USING btree ("provider_event_id");--> statement-breakpoint
CREATE INDEX "email_event_message_idx" ON "email_event" USING btree ("message_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "email_message_idempotency_key_uq" ON "email_message" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "email_message_provider_id_uq" ON "email_message" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "email_message_due_idx" ON "email_message" USING btree ("next_attempt_at") WHERE "email_message"."status" in ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "email_message_member_idx" ON "email_message" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "email_message_org_idx" ON "email_message" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "email_message_to_idx" ON "email_message" USING btree ("to","created_at");--> statement-breakpoint
CREATE INDEX "email_message_job_idx" ON "email_message" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "job_org_idx" ON "job" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "member_org_extension_uq" ON "member" USING btree ("organization_id","extension");--> statement-breakpoint
CREATE UNIQUE INDEX "member_login_name_uq" ON "member" USING btree ("login_name");--> statement-breakpoint
CREATE INDEX "member_org_extension_pattern_idx" ON "member" USING btree ("organization_id","extension" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "member_org_name_idx" ON "member" USING btree ("organization_id","last_name","first_name","id");--> statement-breakpoint
CREATE INDEX "member_org_status_idx" ON "member" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "member_site_idx" ON "member" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "member_team_idx" ON "member" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "member_primary_email_idx" ON "member" USING btree ("primary_email");--> statement-breakpoint
CREATE INDEX "member_first_name_trgm" ON "member" USING gin ("first_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "member_last_name_trgm" ON "member" USING gin ("last_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "member_department_trgm" ON "member" USING gin ("department" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "member_email_member_email_uq" ON "member_email" USING btree ("member_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_slug_uq" ON "organization" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "site_org_name_uq" ON "site" USING btree ("organization_id",lower("name"));--> statement-breakpoint
CREATE INDEX "site_manager_member_idx" ON "site_manager" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_staff_email_uq" ON "support_staff" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "team_org_name_uq" ON "team" USING btree ("organization_id",lower("name"));--> statement-breakpoint
CREATE INDEX "team_supervisor_member_idx" ON "team_supervisor" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "token_secret_hash_uq" ON "token" USING btree ("secret_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "token_one_open_invite_uq" ON "token" USING btree ("member_id") WHERE "token"."purpose" = 'invite' and "token"."used_at" is null and "token"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "token_member_idx" ON "token" USING btree ("member_id","purpose");