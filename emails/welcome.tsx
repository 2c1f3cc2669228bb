import { Heading, Section, Text } from "@react-email/components";
import { en, type EmailMessages } from "@/lib/i18n/messages/en";
import type { TemplateProps } from "@/lib/email/templates";
import { formatDirectNumber } from "@/lib/members/phone";
import { AccountDetail } from "./_components/account-detail";
import { ActionLink } from "./_components/action-link";
import { EmailLayout } from "./_components/email-layout";
import { formatMemberDateTime } from "@/lib/i18n/dates";
import { heading, paragraph, smallPrint } from "./_components/styles";

export type WelcomeEmailProps = TemplateProps["welcome"] & { messages: EmailMessages };

/** The activation email (SPEC §5): everything the member needs to start, and the link to set their password. */
export default function WelcomeEmail(props: WelcomeEmailProps) {
  const { messages } = props;
  const words = messages.welcome;
  return (
    <EmailLayout messages={messages} subject={words.subject} preview={words.preview(props.organizationName)} organizationName={props.organizationName} helpUrl={props.helpUrl}>
      <Heading as="h1" style={heading}>
        {words.heading(props.organizationName)}
      </Heading>
      <Text style={paragraph}>{messages.common.greeting(props.memberName)}</Text>
      <Text style={paragraph}>{words.intro(props.organizationName)}</Text>
      <Section style={{ margin: "0 0 16px" }}>
        <AccountDetail label={messages.common.loginNameLabel} value={props.loginName} />
        {props.directNumber && <AccountDetail label={words.directNumberLabel} value={formatDirectNumber(props.directNumber)} />}
      </Section>
      <ActionLink href={props.link} label={words.button} messages={messages} />
      <Text style={paragraph}>{messages.common.linkExpires(formatMemberDateTime(props.expiresAt, props))}</Text>
      <Text style={smallPrint}>{words.sentBy(props.sentBy)}</Text>
    </EmailLayout>
  );
}

WelcomeEmail.PreviewProps = {
  language: "en",
  timeZone: "America/Los_Angeles",
  organizationName: "Acme Dental",
  memberName: "Dana Reyes",
  loginName: "201@acme",
  helpUrl: "http://localhost:3000/help",
  link: "http://localhost:3000/set-password/abcDEF123-ghiJKL456_mnoPQR789stuVWX012yzA",
  expiresAt: new Date("2026-12-08T17:00:00Z"),
  directNumber: "+14155550123",
  sentBy: "Sam Okafor (Office Manager)",
  messages: en,
} satisfies WelcomeEmailProps;
