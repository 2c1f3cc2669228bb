import { SectionTabs } from "@/components/ui/section-tabs";

/** The tabs of a member's page; each shows only when the actor may open it. */
export function MemberTabs({ id, advanced, emailLog, activity }: { id: string; advanced: boolean; emailLog: boolean; activity: boolean }) {
  const tabs = [
    { href: `/users/${id}`, label: "Profile" },
    ...(advanced ? [{ href: `/users/${id}/advanced`, label: "Advanced" }] : []),
    ...(emailLog ? [{ href: `/users/${id}/email-log`, label: "Email log" }] : []),
    ...(activity ? [{ href: `/users/${id}/activity`, label: "Activity" }] : []),
  ];
  return <SectionTabs label="User" tabs={tabs} />;
}
