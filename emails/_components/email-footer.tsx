import { Link, Section, Text } from "@react-email/components";
import type { EmailMessages } from "@/lib/i18n/messages";
import { colors, link, smallPrint } from "./styles";

/** Every email links to the public help page (SPEC §4.12): spam folders, safe senders, asking for a new link. */
export function EmailFooter({ messages, organizationName, helpUrl }: { messages: EmailMessages; organizationName: string; helpUrl: string }) {
  return (
    <Section style={{ padding: "16px 32px 8px", borderTop: `1px solid ${colors.border}` }}>
      <Text style={smallPrint}>
        {messages.common.helpQuestion}{" "}
        <Link href={helpUrl} style={link}>
          {messages.common.helpLink}
        </Link>
      </Text>
      <Text style={smallPrint}>{messages.common.footer(organizationName)}</Text>
    </Section>
  );
}
