import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireMemberActor } from "@/app/_lib/session";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db";
import { currentImport, importPreview, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/imports/check-import";
import { formatCount } from "@/lib/members/format";
import { canInOrganization } from "@/lib/permissions";
import { ImportWizard } from "./_components/import-wizard";

export const metadata: Metadata = { title: "Import" };

/** Members → "Import" (SPEC §4.5, seed 004): choose the user type, download the sample, upload, check, import. */
export default async function ImportPage() {
  const actor = await requireMemberActor();
  if (!canInOrganization(actor, "organization.addMembers", actor.organizationId)) notFound();
  const db = await getDb();
  // An import still on its way comes back after a reload: its progress, or its preview.
  const current = await currentImport(db, actor);
  const preview = current?.phase === "ready" ? await importPreview(db, actor, current.jobId) : null;
  return (
    <div className="grid max-w-5xl gap-5">
      <PageHeading back={{ href: "/users", label: "Users" }} title="Import">
        Bring in many people at once from a spreadsheet saved as CSV: up to {formatCount(MAX_IMPORT_ROWS)} rows and {MAX_IMPORT_BYTES / 1024 / 1024} MB per file.
        Gatehouse checks every row first and imports nothing until you say so.
      </PageHeading>
      <ImportWizard current={current} preview={preview} />
    </div>
  );
}
