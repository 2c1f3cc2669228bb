import Link from "next/link";
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
      <div>
        <Link href="/users" className="text-sm font-medium text-blue-800 hover:underline">
          ← {listLabel}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{displayName(m)}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {[m.extension && `Extension ${m.extension}`, m.loginName, ROLE_LABELS[m.role], displayStatus(m)].filter(Boolean).join(" · ")}
        </p>
      </div>
      <MemberTabs id={m.id} advanced={hasAdvancedTab(profile.may)} emailLog={profile.may.viewEmailLog} />
      <div>{children}</div>
    </div>
  );
}
