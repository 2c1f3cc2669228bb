import type { Metadata } from "next";
import { EmailLinkPage, emailLinkPageMetadata } from "../../_components/email-link-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  return emailLinkPageMetadata("email-verify", (await params).token);
}

/** The link of the email that confirms a new address (SPEC §4.9). */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  return <EmailLinkPage purpose="email-verify" token={(await params).token} />;
}
