import type { Metadata } from "next";
import { LinkPage, linkPageMetadata } from "../../_components/link-page";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  return linkPageMetadata("reset", (await params).token);
}

/** The link of the password reset email (SPEC §4.8): the set-password page's shape. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  return <LinkPage purpose="reset" token={(await params).token} />;
}
