import { Heading, Link, Section, Text } from "@react-email/components";
import { en, type EmailMessages } from "@/lib/i18n/messages/en";
import type { TemplateProps } from "@/lib/email/templates";
import { AccountDetail } from "./_components/account-detail";
import { EmailLayout } from "./_components/email-layout";
import { formatMemberDateTime } from "@/lib/i18n/dates";
import { heading, link, paragraph } from "./_components/styles";

export type PasswordChangedEmailProps = TemplateProps["password-changed"] & { messages: EmailMessages };

/** The notice after a password change or reset (SPEC §4.8): when it happened, so a member who didn't do it can act. */
export default function PasswordChangedEmail(props: PasswordChangedEmailProps) {
  const { messages } = props;
  const words = messages["password-changed"];
  return (
    <EmailLayout messages={messages} subject={words.subject} preview={words.preview(props.organizationName)} organizationName={props.organizationName} helpUrl={props.helpUrl}>
      <Heading as="h1" style={heading}>
        {words.heading}
      </Heading>
      <Text style={paragraph}>{messages.common.greeting(props.memberName)}</Text>
      <Text style={paragraph}>{words.changedAt(props.organizationName, formatMemberDateTime(props.changedAt, props))}</Text>
      <Section style={{ margin: "0 0 16px" }}>
        <AccountDetail label={messages.common.loginNameLabel} value={props.loginName} />
      </Section>
      <Text style={paragraph}>{words.otherSessions}</Text>
      <Text style={paragraph}>
        <Link href={props.signInUrl} style={link}>
          {words.signIn(props.organizationName)}
        </Link>
      </Text>
      <Text style={{ ...paragraph, fontWeight: 600 }}>{words.notYou}</Text>
    </EmailLayout>
  );
}

PasswordChangedEmail.PreviewProps = {
  language: "en",
  timeZone: "America/Los_Angeles",
  organizationName: "Acme Dental",
  memberName: "Dana Reyes",
  loginName: "201@acme",
  helpUrl: "http://localhost:3000/help",
  changedAt: new Date("2026-12-01T17:42:00Z"),
  signInUrl: "http://localhost:3000/sign-in",
  messages: en,
} satisfies PasswordChangedEmailProps;
