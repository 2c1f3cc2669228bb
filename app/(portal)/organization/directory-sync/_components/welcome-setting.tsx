"use client";

import { useRouter } from "next/navigation";
import { FormAlert } from "@/components/ui/form-alert";
import { useToastedAction } from "@/components/use-toasted-action";
import { saveWelcomeOnProvisionAction } from "../actions";

/** "Send the welcome email when someone is provisioned": off by default, so an owner decides when people are told. */
export function WelcomeSetting({ on }: { on: boolean }) {
  const router = useRouter();
  const { formAction, pending, failed } = useToastedAction(saveWelcomeOnProvisionAction, () => router.refresh());
  return (
    <form action={formAction} className="grid gap-3">
      <FormAlert message={failed?.error} />
      <label className="flex max-w-2xl items-start gap-2 text-sm">
        <input type="checkbox" name="welcomeOnProvision" defaultChecked={on} aria-describedby="welcome-on-provision-hint" className="mt-0.5 size-4" />
        <span className="font-medium">Send the welcome email when someone is provisioned</span>
      </label>
      <p id="welcome-on-provision-hint" className="-mt-2 ml-6 max-w-2xl text-sm text-slate-600">
        Off: people your directory adds wait as Pending until you send their welcome email from the Users tab. On: each gets it at once, with
        their login name and a link to set their password.
      </p>
      <div>
        <button type="submit" disabled={pending} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60">
          {pending ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
