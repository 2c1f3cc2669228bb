import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentLanguage, requireMemberActor } from "@/app/_lib/session";
import { getDb } from "@/db";
import { ownAccount } from "@/lib/account/own-account";
import { messagesFor } from "@/lib/i18n/messages";
import { canInOrganization } from "@/lib/permissions";
import { AccountStart } from "../_components/account-start";

export async function generateMetadata(): Promise<Metadata> {
  return { title: messagesFor(await currentLanguage()).allSet.title };
}

/** "You're all set" (SPEC §4.9): where a new employee lands after setting their first password. Managers go to work. */
export default async function WelcomePage() {
  const actor = await requireMemberActor();
  if (canInOrganization(actor, "organization.listMembers", actor.organizationId)) redirect("/");
  const { t, member, organization } = await ownAccount(await getDb(), actor);
  return <AccountStart t={t} title={t.allSet.title} intro={t.allSet.intro(organization.name)} loginName={member.loginName} hasPin={member.voicemailPinHash !== null} />;
}
