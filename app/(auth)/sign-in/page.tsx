import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/app/_lib/session";
import { CardPage } from "@/components/ui/card-page";
import { isSetupNeeded } from "@/lib/setup/complete-setup";
import { safeCallbackPath } from "./callback-path";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

const REASONS: Record<string, string> = {
  "session-ended": "Your session has ended, for example because your password was changed. Please sign in again.",
  "signed-out": "You are signed out.",
  "password-changed": "Your password was changed, and you were signed out everywhere. Sign in with your new password.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await isSetupNeeded()) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const reason = typeof params.reason === "string" ? REASONS[params.reason] : undefined;
  return (
    <CardPage title="Sign in" intro="Use your login name (such as 201@acme) or your email address.">
      {reason && (
        <p role="status" className="mb-4 rounded-md border border-blue-200 bg-blue-50 p-3 text-sm text-blue-900">
          {reason}
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} />
    </CardPage>
  );
}
