import { Heading, Section, Text } from "@react-email/components";
import { en, type EmailMessages } from "@/lib/i18n/messages/en";
import type { TemplateProps } from "@/lib/email/templates";
import { AccountDetail } from "./_components/account-detail";
import { ActionLink } from "./_components/action-link";
import { EmailLayout } from "./_components/email-layout";
import { formatMemberDateTime } from "@/lib/i18n/dates";
import { heading, paragraph, smallPrint } from "./_components/styles";

export type EmailVerifyEmailProps = TemplateProps["email-verify"] & { messages: EmailMessages };

/** Sent to a new address before the account uses it (SPEC §4.9): the link proves the member can read that mailbox. */
export default function EmailVerifyEmail(props: EmailVerifyEmailProps) {
  const { messages } = props;
  const words = messages["email-verify"];
  return (
    <EmailLayout messages={messages} subject={words.subject} preview={words.preview(props.newAddress)} organizationName={props.organizationName} helpUrl={props.helpUrl}>
      <Heading as="h1" style={heading}>
        {words.heading}
      </Heading>
      <Text style={paragraph}>{messages.common.greeting(props.memberName)}</Text>
      <Text style={paragraph}>{words.intro(props.organizationName, props.newAddress)}</Text>
      <Section style={{ margin: "0 0 16px" }}>
        <AccountDetail label={messages.common.loginNameLabel} value={props.loginName} />
      </Section>
      <ActionLink href={props.link} label={words.button} messages={messages} />
      <Text style={paragraph}>{messages.common.linkExpires(formatMemberDateTime(props.expiresAt, props))}</Text>
      <Text style={smallPrint}>{words.notYou}</Text>
    </EmailLayout>
  );
}

EmailVerifyEmail.PreviewProps = {
  language: "en",
  timeZone: "America/Los_Angeles",
  organizationName: "Acme Dental",
  memberName: "Dana Reyes",
  loginName: "201@acme",
  helpUrl: "http://localhost:3000/help",
  link: "http://localhost:3000/verify-email/abcDEF123-ghiJKL456_mnoPQR789stuVWX012yzA",
  expiresAt: new Date("2026-12-02T17:00:00Z"),
  newAddress: "dana.reyes@example.com",
  messages: en,
} satisfies EmailVerifyEmailProps;
