CREATE TABLE "directory_token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by_id" uuid,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scim_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"token_id" uuid,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" smallint NOT NULL,
	"scim_type" text,
	"detail" text,
	"member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "member" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "member" ADD COLUMN "directory_user_name" text;--> statement-breakpoint
ALTER TABLE "member" ADD COLUMN "directory_token_id" uuid;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "welcome_on_provision" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_token" ADD CONSTRAINT "directory_token_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_token" ADD CONSTRAINT "directory_token_created_by_id_member_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_request" ADD CONSTRAINT "scim_request_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_request" ADD CONSTRAINT "scim_request_token_id_directory_token_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."directory_token"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "directory_token_secret_uq" ON "directory_token" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "directory_token_org_idx" ON "directory_token" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "scim_request_org_time_idx" ON "scim_request" USING btree ("organization_id","created_at");--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_directory_token_id_directory_token_id_fk" FOREIGN KEY ("directory_token_id") REFERENCES "public"."directory_token"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "member_org_external_id_uq" ON "member" USING btree ("organization_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "member_org_directory_user_name_uq" ON "member" USING btree ("organization_id",lower("directory_user_name"));