import { PageHeading } from "@/components/ui/page-heading";
import { displayName } from "@/lib/members/format";
import { displayStatus, ROLE_LABELS } from "@/lib/members/labels";
import { hasAdvancedTab, loadProfile } from "./load-profile";
import { MemberTabs } from "./member-tabs";

/** A member's page: name, status and the "Profile" / "Advanced" / "Email log" tabs. */
export default async function MemberLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const profile = await loadProfile(id);
  const actor = profile.actor;
  const m = profile.member;
  const listLabel = actor.role === "supervisor" ? "Agents" : "Users";
  return (
    <div className="grid gap-6">
      <PageHeading back={{ href: "/users", label: listLabel }} title={displayName(m)}>
        {[m.extension && `Extension ${m.extension}`, m.loginName, ROLE_LABELS[m.role], displayStatus(m)].filter(Boolean).join(" · ")}
        {profile.directory && (
          <span className="ml-2 inline-block rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-900 ring-1 ring-indigo-200">
            Managed by directory sync ({profile.directory})
          </span>
        )}
      </PageHeading>
      <MemberTabs id={m.id} advanced={hasAdvancedTab(profile.may)} emailLog={profile.may.viewEmailLog} activity={profile.may.viewActivity} />
      <div>{children}</div>
    </div>
  );
}
