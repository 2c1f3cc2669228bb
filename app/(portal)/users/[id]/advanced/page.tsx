import type { Metadata } from "next";
import Link from "next/link";
import { currentOrganization } from "@/app/_lib/session";
import type { Member } from "@/db/schema";
import type { MemberActor } from "@/lib/actor";
import { displayName, formatDateTime } from "@/lib/members/format";
import { CLEARED_BY_RESET, CLEARED_BY_RESET_NO_PORTAL } from "@/lib/members/reset-member-completely";
import { SKIP_REASONS, whyNotSendable } from "@/lib/onboarding/sendability";
import { hasAdvancedTab, loadProfile } from "../load-profile";
import { ResetCompletelyCard, StatusCard } from "./advanced-actions";
import { SendEmailButton } from "./send-email-button";

export const metadata: Metadata = { title: "Advanced" };

/**
 * The "Advanced" tab: "Send Welcome Email" or "Send Password Reset" (SPEC §4.6, §4.8, seed 002), disable/enable, and
 * "Reset user completely" (SPEC §4.10).
 */
export default async function MemberAdvancedPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, member: m, may } = await loadProfile(id);
  const label = displayName(m);
  if (!hasAdvancedTab(may)) {
    return <p className="text-sm text-slate-700">There is nothing here you can change for {label}.</p>;
  }
  const timeZone = (await currentOrganization())?.defaultTimeZone ?? "UTC";
  const kept = [m.extension && `extension ${m.extension}`, m.loginName && `login name ${m.loginName}`, m.directNumber && "direct number", m.portalAccess ? "role, site, department and team" : "site, department and team"].filter(Boolean).join(", ");
  return (
    <div className="grid max-w-3xl gap-4">
      {(may.sendWelcome || may.sendReset) && m.portalAccess && <EmailCard actor={actor} member={m} label={label} timeZone={timeZone} />}
      {may.disable && <StatusCard memberId={m.id} label={label} disabled={m.status === "disabled"} portal={m.portalAccess} />}
      {may.resetCompletely && <ResetCompletelyCard
          memberId={m.id}
          label={label}
          // A login-less member has no email, password or links: the dialog names only what they do have.
          cleared={[...(m.portalAccess ? CLEARED_BY_RESET : CLEARED_BY_RESET_NO_PORTAL)]}
          kept={kept}
          portal={m.portalAccess}
        />}
    </div>
  );
}

/**
 * Welcome email or password reset: the one that fits the member now (seed 003: a confirmed account gets a reset, not
 * a new invite), with "Confirmation sent" and "Confirmed at", or why neither can be sent yet.
 */
function EmailCard({ actor, member: m, label, timeZone }: { actor: MemberActor; member: Member; label: string; timeZone: string }) {
  const welcome = whyNotSendable(actor, m, "invite");
  const reset = whyNotSendable(actor, m, "reset");
  const blocker = welcome === "already-confirmed" ? reset : welcome;
  return (
    <section className="grid min-w-0 gap-3 rounded-lg border border-slate-200 bg-white p-5 [overflow-wrap:anywhere]">
      <h2 className="text-base font-semibold">{welcome === "already-confirmed" ? "Password reset" : "Welcome email"}</h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium text-slate-700">Email</dt>
        <dd>{m.primaryEmail ?? "None yet"}</dd>
        <dt className="font-medium text-slate-700">Confirmation sent</dt>
        <dd>{formatDateTime(m.confirmationSentAt, timeZone) || "Never"}</dd>
        <dt className="font-medium text-slate-700">Confirmed at</dt>
        <dd>{formatDateTime(m.confirmedAt, timeZone) || "Not yet"}</dd>
      </dl>
      {!welcome ? (
        <>
          <p className="text-sm text-slate-700">
            Sends {label} their login name and a link to set their password at {m.primaryEmail}.{" "}
            {m.confirmationSentAt ? "The link in the earlier welcome email stops working." : ""}
          </p>
          <SendEmailButton memberId={m.id} purpose="invite" label="Send Welcome Email" />
        </>
      ) : !reset && welcome === "already-confirmed" ? (
        <>
          <p className="text-sm text-slate-700">
            {label} has already set a password, so a welcome email can&apos;t be sent again. If they forgot it, send a link to choose a new
            one: it works for a limited time, and once.
          </p>
          <SendEmailButton memberId={m.id} purpose="reset" label="Send Password Reset" />
        </>
      ) : (
        <p className="text-sm text-slate-700">
          No email can be sent to {label} right now. {blocker && SKIP_REASONS[blocker]}.{" "}
          {(blocker === "no-email" || blocker === "bounced" || blocker === "complained") && (
            <Link href={`/users/${m.id}`} className="font-medium text-blue-800 underline">
              Open the Profile tab
            </Link>
          )}
        </p>
      )}
    </section>
  );
}
