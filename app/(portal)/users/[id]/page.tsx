import type { Metadata } from "next";
import { currentOrganization } from "@/app/_lib/session";
import { getDb } from "@/db";
import { formatDateTime, fullName } from "@/lib/members/format";
import { ROLE_LABELS, roleOptions } from "@/lib/members/labels";
import { formatDirectNumber } from "@/lib/members/phone";
import { placeableSites, sitesAndTeams } from "@/lib/members/placement";
import { FactList } from "@/components/ui/fact-list";
import { EmailProblemBadge } from "../_components/email-problem-badge";
import { MemberForm } from "../_components/member-form";
import { loadProfile } from "./load-profile";

export const metadata: Metadata = { title: "Profile" };

/** The "Profile" tab: the form for whoever may edit this member, the facts for everyone else (a supervisor). */
export default async function MemberProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, member: m, may, grantableRoles, managedSiteIds, supervisedTeamIds, directory } = await loadProfile(id);
  const [{ sites, teams }, organization] = await Promise.all([sitesAndTeams(await getDb(), actor.organizationId), currentOrganization()]);
  const timeZone = organization?.defaultTimeZone ?? "UTC";
  if (!may.edit) {
    const siteName = sites.find((s) => s.id === m.siteId)?.name;
    const teamName = teams.find((t) => t.id === m.teamId)?.name;
    return (
      <FactList
        facts={[
          ["Name", fullName(m)],
          ["Extension", m.extension],
          ["Login name", m.loginName ?? "No portal access"],
          [
            "Email",
            m.primaryEmail && (
              <>
                {m.primaryEmail}
                {m.primaryEmailProblem && <EmailProblemBadge problem={m.primaryEmailProblem} />}
              </>
            ),
          ],
          ["Role", ROLE_LABELS[m.role]],
          ["Site", siteName],
          ["Department", m.department],
          ["Team", teamName ?? "No Team"],
          ["Direct number", formatDirectNumber(m.directNumber)],
          ["Confirmation sent", formatDateTime(m.confirmationSentAt, timeZone)],
          ["Confirmed at", formatDateTime(m.confirmedAt, timeZone)],
        ]}
      />
    );
  }
  return (
    <MemberForm
      key={m.id}
      member={{
        id: m.id,
        portalAccess: m.portalAccess,
        firstName: m.firstName,
        lastName: m.lastName,
        extension: m.extension ?? "",
        loginName: m.loginName ?? "",
        email: m.primaryEmail ?? "",
        emailProblem: m.primaryEmailProblem,
        role: m.role,
        siteId: m.siteId ?? "",
        department: m.department ?? "",
        teamId: m.teamId ?? "",
        directNumber: m.directNumber ? formatDirectNumber(m.directNumber) : "",
        managedSiteIds,
        supervisedTeamIds,
      }}
      organizationSlug={organization!.slug}
      sites={placeableSites(actor, sites)}
      allSites={sites}
      teams={teams}
      roles={roleOptions(grantableRoles)}
      roleLocked={may.changeRole ? undefined : { value: m.role, label: ROLE_LABELS[m.role] }}
      directory={directory}
    />
  );
}
