import type { Metadata } from "next";
import { EmailLinkPage, emailLinkPageMetadata } from "../../_components/email-link-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  return emailLinkPageMetadata("email-undo", (await params).token);
}

/** "This wasn't me", from the notice an email change sends to the old address (SPEC §4.9). */
export default async function UndoEmailChangePage({ params }: { params: Promise<{ token: string }> }) {
  return <EmailLinkPage purpose="email-undo" token={(await params).token} />;
}
