import { PageHeading } from "@/components/ui/page-heading";
import { SectionTabs } from "@/components/ui/section-tabs";
import { loadSupportOrganization } from "../../_components/load-organization";
import { supportPaths } from "../../_components/support-paths";

/** One organization in the support console (SPEC §4.14): what its owner sees, read-only, in four tabs. */
export default async function SupportOrganizationLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { organization } = await loadSupportOrganization(id);
  return (
    <div className="grid gap-6">
      <PageHeading back={{ href: "/", label: "Support console" }} title={organization.name}>
        <span className="font-mono">{organization.slug}</span> · Read-only: changes are made by the customer&apos;s owner or office managers.
      </PageHeading>
      <SectionTabs
        label="Organization"
        tabs={[
          { href: supportPaths.organization(organization.id), label: "Overview" },
          { href: supportPaths.users(organization.id), label: "Users" },
          { href: supportPaths.emailLog(organization.id), label: "Email log" },
          { href: supportPaths.auditLog(organization.id), label: "Audit log" },
        ]}
      />
      <div>{children}</div>
    </div>
  );
}
