import { Button, Link, Section, Text } from "@react-email/components";
import type { EmailMessages } from "@/lib/i18n/messages";
import { colors, link, smallPrint } from "./styles";

/**
 * The email's one action as a button, with the raw link written out under it: some clients strip buttons, and a
 * member on the phone with support can read or copy the address (SPEC §5).
 */
export function ActionLink({ href, label, messages }: { href: string; label: string; messages: EmailMessages }) {
  return (
    <Section style={{ margin: "8px 0 24px" }}>
      <Button
        href={href}
        style={{ backgroundColor: colors.accent, color: "#ffffff", fontSize: "16px", fontWeight: 600, padding: "12px 20px", borderRadius: "6px", textDecoration: "none" }}
      >
        {label}
      </Button>
      <Text style={{ ...smallPrint, margin: "20px 0 4px" }}>{messages.common.copyLink}</Text>
      <Text style={{ ...smallPrint, wordBreak: "break-all" }}>
        <Link href={href} style={link}>
          {href}
        </Link>
      </Text>
    </Section>
  );
}
