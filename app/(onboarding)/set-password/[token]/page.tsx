import type { Metadata } from "next";
import { LinkPage } from "../../_components/link-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set your password" };

/** The link of the welcome email (SPEC §4.7). */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  return <LinkPage purpose="invite" token={(await params).token} />;
}
