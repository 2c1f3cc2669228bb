import { notFound } from "next/navigation";
import { requireMemberActor } from "@/app/_lib/session";
import { SectionTabs } from "@/components/ui/section-tabs";
import { organizationPagesFor } from "./_components/organization-pages";

/** Organization (SPEC §4.15): Settings, Sites and Teams, as tabs; each page asks its own permission again. */
export default async function OrganizationLayout({ children }: { children: React.ReactNode }) {
  const pages = organizationPagesFor(await requireMemberActor());
  if (pages.length === 0) notFound();
  return (
    <div className="grid gap-6">
      {pages.length > 1 && <SectionTabs label="Organization" tabs={pages} />}
      {children}
    </div>
  );
}
