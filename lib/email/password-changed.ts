import type { Executor } from "@/db";
import type { Member, Organization } from "@/db/schema";
import { getConfig } from "../config";
import { emailBaseFor, envelopeFor } from "./compose";
import { deferredContent } from "./deferred-content";
import { queueEmails } from "./outbox";

/**
 * Queues "Your password was changed" (SPEC §4.8) in the transaction of the change, to the member's address on file:
 * after a reset link, and after "Update Password" in My Account. Nothing when there is no address.
 */
export async function queuePasswordChanged(
  tx: Executor,
  organization: Pick<Organization, "id" | "name" | "slug" | "senderName" | "replyTo" | "defaultLanguage" | "defaultTimeZone">,
  recipient: Pick<Member, "id" | "firstName" | "lastName" | "loginName" | "language" | "timeZone" | "primaryEmail">,
  now: Date,
): Promise<void> {
  if (!recipient.primaryEmail) return;
  const { appUrl, emailFrom } = getConfig();
  const content = deferredContent("password-changed", { ...emailBaseFor(organization, recipient, appUrl), changedAt: now, signInUrl: `${appUrl}/sign-in` });
  await queueEmails(tx, [
    { organizationId: organization.id, memberId: recipient.id, template: "password-changed", to: recipient.primaryEmail, content, ...envelopeFor(organization, emailFrom) },
  ]);
}
