import type { Metadata } from "next";
import { LinkPage, linkPageMetadata } from "../../_components/link-page";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  return linkPageMetadata("invite", (await params).token);
}

/** The link of the welcome email (SPEC §4.7). */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  return <LinkPage purpose="invite" token={(await params).token} />;
}
