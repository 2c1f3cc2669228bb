import type { Member, Organization } from "@/db/schema";
import { fullName } from "@/lib/members/format";
import { senderFor } from "./outbox";
import type { EmailBase } from "./templates";

/** The public "Didn't get the email?" page every email links to (SPEC §4.12). */
export const HELP_PATH = "/help";

/** The help page for one organization's people: it gives that organization's link lifetimes. */
export const helpPathFor = (organizationSlug: string) => `${HELP_PATH}?org=${encodeURIComponent(organizationSlug)}`;
export const helpUrlFor = (appUrl: string, organizationSlug: string) => `${appUrl}${helpPathFor(organizationSlug)}`;

/**
 * What every email to a member says about them and their organization: their language and time zone (else the
 * organization's), their name and login name, and the help link.
 */
export function emailBaseFor(
  organization: Pick<Organization, "name" | "slug" | "defaultLanguage" | "defaultTimeZone">,
  recipient: Pick<Member, "firstName" | "lastName" | "loginName" | "language" | "timeZone">,
  appUrl: string,
): EmailBase {
  return {
    language: recipient.language || organization.defaultLanguage,
    timeZone: recipient.timeZone || organization.defaultTimeZone,
    organizationName: organization.name,
    memberName: fullName(recipient),
    loginName: recipient.loginName ?? "",
    helpUrl: helpUrlFor(appUrl, organization.slug),
  };
}

/** From and Reply-To of the organization's emails (SPEC §5, §8). */
export function envelopeFor(organization: Pick<Organization, "senderName" | "replyTo">, emailFrom: string) {
  return { sender: senderFor(organization.senderName, emailFrom), replyTo: organization.replyTo };
}
