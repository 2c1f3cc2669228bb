CREATE TABLE "import_file" (
	"job_id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"file_name" text NOT NULL,
	"valid_rows" text,
	"error_rows" jsonb,
	"header" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_file" ADD CONSTRAINT "import_file_job_id_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."job"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Written once and read once, whole: compressing tens of megabytes of JSON would cost more than it saves.
ALTER TABLE "import_file" ALTER COLUMN "valid_rows" SET STORAGE EXTERNAL;
