import { Heading, Section, Text } from "@react-email/components";
import { en, type EmailMessages } from "@/lib/i18n/messages/en";
import type { TemplateProps } from "@/lib/email/templates";
import { AccountDetail } from "./_components/account-detail";
import { ActionLink } from "./_components/action-link";
import { EmailLayout } from "./_components/email-layout";
import { formatMemberDateTime } from "@/lib/i18n/dates";
import { heading, paragraph, smallPrint } from "./_components/styles";

export type PasswordResetEmailProps = TemplateProps["password-reset"] & { messages: EmailMessages };

/** "Forgot your password?" or a manager's "Send Password Reset" (SPEC §4.8): the reset link, and who asked for it. */
export default function PasswordResetEmail(props: PasswordResetEmailProps) {
  const { messages } = props;
  const words = messages["password-reset"];
  return (
    <EmailLayout messages={messages} subject={words.subject} preview={words.preview(props.organizationName)} organizationName={props.organizationName} helpUrl={props.helpUrl}>
      <Heading as="h1" style={heading}>
        {words.heading}
      </Heading>
      <Text style={paragraph}>{messages.common.greeting(props.memberName)}</Text>
      <Text style={paragraph}>
        {words.intro(props.organizationName)}
        {props.sentBy && ` ${words.requestedBy(props.sentBy)}`}
      </Text>
      <Section style={{ margin: "0 0 16px" }}>
        <AccountDetail label={messages.common.loginNameLabel} value={props.loginName} />
      </Section>
      <ActionLink href={props.link} label={words.button} messages={messages} />
      <Text style={paragraph}>{messages.common.linkExpires(formatMemberDateTime(props.expiresAt, props))}</Text>
      <Text style={smallPrint}>{words.notYou}</Text>
    </EmailLayout>
  );
}

PasswordResetEmail.PreviewProps = {
  language: "en",
  timeZone: "America/Los_Angeles",
  organizationName: "Acme Dental",
  memberName: "Dana Reyes",
  loginName: "201@acme",
  helpUrl: "http://localhost:3000/help",
  link: "http://localhost:3000/reset-password/abcDEF123-ghiJKL456_mnoPQR789stuVWX012yzA",
  expiresAt: new Date("2026-12-01T20:00:00Z"),
  sentBy: "Sam Okafor (Office Manager)",
  messages: en,
} satisfies PasswordResetEmailProps;
