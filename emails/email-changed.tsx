import { Heading, Section, Text } from "@react-email/components";
import { en, type EmailMessages } from "@/lib/i18n/messages/en";
import type { TemplateProps } from "@/lib/email/templates";
import { AccountDetail } from "./_components/account-detail";
import { ActionLink } from "./_components/action-link";
import { EmailLayout } from "./_components/email-layout";
import { formatMemberDateTime } from "@/lib/i18n/dates";
import { heading, paragraph } from "./_components/styles";

export type EmailChangedEmailProps = TemplateProps["email-changed"] & { messages: EmailMessages };

/**
 * Sent to the old address when a member changes their primary email in My Account (SPEC §4.9): it names the new
 * address, masked, and carries "This wasn't me", which puts this address back and ends every session.
 */
export default function EmailChangedEmail(props: EmailChangedEmailProps) {
  const { messages } = props;
  const words = messages["email-changed"];
  return (
    <EmailLayout messages={messages} subject={words.subject} preview={words.preview(props.organizationName)} organizationName={props.organizationName} helpUrl={props.helpUrl}>
      <Heading as="h1" style={heading}>
        {words.heading}
      </Heading>
      <Text style={paragraph}>{messages.common.greeting(props.memberName)}</Text>
      <Text style={paragraph}>
        {props.state === "requested" ? words.requested(props.organizationName, props.maskedAddress) : words.changed(props.organizationName, props.maskedAddress)}
      </Text>
      <Section style={{ margin: "0 0 16px" }}>
        <AccountDetail label={messages.common.loginNameLabel} value={props.loginName} />
      </Section>
      <Text style={paragraph}>{words.ifYou}</Text>
      <Text style={{ ...paragraph, fontWeight: 600 }}>{words.notYou}</Text>
      <ActionLink href={props.link} label={words.button} messages={messages} />
      <Text style={paragraph}>{messages.common.linkExpires(formatMemberDateTime(props.expiresAt, props))}</Text>
    </EmailLayout>
  );
}

EmailChangedEmail.PreviewProps = {
  language: "en",
  timeZone: "America/Los_Angeles",
  organizationName: "Acme Dental",
  memberName: "Dana Reyes",
  loginName: "201@acme",
  helpUrl: "http://localhost:3000/help",
  link: "http://localhost:3000/undo-email-change/abcDEF123-ghiJKL456_mnoPQR789stuVWX012yzA",
  expiresAt: new Date("2026-12-08T17:00:00Z"),
  maskedAddress: "d•••@example.com",
  state: "requested",
  messages: en,
} satisfies EmailChangedEmailProps;
