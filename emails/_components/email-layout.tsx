import type { ReactNode } from "react";
import { Body, Container, Head, Html, Preview, Section, Text } from "@react-email/components";
import type { EmailMessages } from "@/lib/i18n/messages";
import { EmailFooter } from "./email-footer";
import { colors } from "./styles";

type EmailLayoutProps = {
  messages: EmailMessages;
  /** The document's <title>: what a screen reader announces when the email opens in a browser or webmail (WCAG 2.4.2). */
  subject: string;
  /** The line inbox lists show after the subject. */
  preview: string;
  organizationName: string;
  helpUrl: string;
  children: ReactNode;
};

/** The page every email shares: the organization's name on top (it is their portal), the body, then the help footer. */
export function EmailLayout({ messages, subject, preview, organizationName, helpUrl, children }: EmailLayoutProps) {
  return (
    <Html lang={messages.language} dir="ltr">
      <Head>
        <title>{subject}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.panel, margin: 0, padding: "24px 0", fontFamily: "Helvetica, Arial, sans-serif" }}>
        <Container style={{ maxWidth: "560px", backgroundColor: "#ffffff", border: `1px solid ${colors.border}`, borderRadius: "8px" }}>
          <Section style={{ padding: "20px 32px", borderBottom: `1px solid ${colors.border}` }}>
            <Text style={{ fontSize: "18px", lineHeight: "24px", fontWeight: 600, color: colors.text, margin: 0 }}>{organizationName}</Text>
          </Section>
          <Section style={{ padding: "28px 32px 8px" }}>{children}</Section>
          <EmailFooter messages={messages} organizationName={organizationName} helpUrl={helpUrl} />
        </Container>
      </Body>
    </Html>
  );
}
