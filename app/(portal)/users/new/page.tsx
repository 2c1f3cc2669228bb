import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { currentOrganization, requireMemberActor } from "@/app/_lib/session";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db";
import { roleOptions } from "@/lib/members/labels";
import { placeableSites, sitesAndTeams } from "@/lib/members/placement";
import { canInOrganization, grantableRoles } from "@/lib/permissions";
import { MemberForm } from "../_components/member-form";

export const metadata: Metadata = { title: "Create user" };

export default async function CreateUserPage() {
  const actor = await requireMemberActor();
  if (!canInOrganization(actor, "organization.addMembers", actor.organizationId)) notFound();
  const [{ sites, teams }, organization] = await Promise.all([sitesAndTeams(await getDb(), actor.organizationId), currentOrganization()]);
  return (
    <div className="grid gap-6">
      <PageHeading back={{ href: "/users", label: "Users" }} title="Create user">
        New users are Pending until they set their password from the welcome email.
      </PageHeading>
      <MemberForm
        organizationSlug={organization!.slug}
        sites={placeableSites(actor, sites)}
        allSites={sites}
        teams={teams}
        roles={roleOptions(grantableRoles(actor))}
      />
    </div>
  );
}
