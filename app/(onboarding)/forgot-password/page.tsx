import type { Metadata } from "next";
import { browserLanguage } from "@/app/_lib/language";
import { CardPage } from "@/components/ui/card-page";
import { messagesFor } from "@/lib/i18n/language";
import { ForgotPasswordForm } from "./forgot-password-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: messagesFor(await browserLanguage()).forgotPassword.title };
}

/**
 * "Forgot your password?" (SPEC §4.8): a reset link by email, the same answer whether or not the account exists. It
 * names nobody, so it speaks the browser's language (SPEC §4.9).
 */
export default async function ForgotPasswordPage() {
  const language = await browserLanguage();
  const t = messagesFor(language).forgotPassword;
  return (
    <CardPage lang={language} title={t.title} intro={t.intro}>
      <ForgotPasswordForm language={language} />
    </CardPage>
  );
}
