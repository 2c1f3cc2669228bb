CREATE TABLE "import_row" (
	"job_id" uuid NOT NULL,
	"extension" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"login_name" text,
	"role" "member_role" NOT NULL,
	"site_id" uuid,
	"department" text,
	"team_id" uuid,
	"direct_number" text,
	"portal_access" boolean NOT NULL,
	"primary_email" text
);
--> statement-breakpoint
CREATE INDEX "import_row_job_idx" ON "import_row" USING btree ("job_id");--> statement-breakpoint
ALTER TABLE "import_file" DROP COLUMN "valid_rows";