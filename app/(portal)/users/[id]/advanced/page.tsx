import type { Metadata } from "next";
import { displayName } from "@/lib/members/format";
import { CLEARED_BY_RESET } from "@/lib/members/reset-member-completely";
import { loadProfile } from "../load-profile";
import { ResetCompletelyCard, StatusCard } from "./advanced-actions";

export const metadata: Metadata = { title: "Advanced" };

/** The "Advanced" tab: disable/enable and "Reset user completely" (SPEC §4.10); the welcome-email issue adds sends. */
export default async function MemberAdvancedPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { member: m, may } = await loadProfile(id);
  const label = displayName(m);
  if (!may.disable && !may.resetCompletely) {
    return <p className="text-sm text-slate-700">There is nothing here you can change for {label}.</p>;
  }
  const kept = [m.extension && `extension ${m.extension}`, m.loginName && `login name ${m.loginName}`, m.directNumber && "direct number", "role, site, department and team"].filter(Boolean).join(", ");
  return (
    <div className="grid max-w-3xl gap-4">
      {may.disable && <StatusCard memberId={m.id} label={label} disabled={m.status === "disabled"} />}
      {may.resetCompletely && <ResetCompletelyCard memberId={m.id} label={label} cleared={[...CLEARED_BY_RESET]} kept={kept} />}
    </div>
  );
}
