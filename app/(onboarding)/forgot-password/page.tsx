import type { Metadata } from "next";
import { CardPage } from "@/components/ui/card-page";
import { ForgotPasswordForm } from "./forgot-password-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Forgot your password?" };

/** "Forgot your password?" (SPEC §4.8): a reset link by email, the same answer whether or not the account exists. */
export default function ForgotPasswordPage() {
  return (
    <CardPage
      title="Forgot your password?"
      intro="Enter your login name (such as 201@acme) or your email address. We'll email you a link to choose a new password. If you never set one, you'll get a new welcome link instead."
    >
      <ForgotPasswordForm />
    </CardPage>
  );
}
