"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/app/_lib/action-result";
import { FormAlert } from "@/components/ui/form-alert";
import { UsersSearchField } from "../../_components/users-search-memory";
import { sendMemberEmailAction } from "../../actions";

/**
 * "Send Welcome Email" / "Send Password Reset" on the Advanced tab (seed 002): on success the action goes back to the
 * Users tab the manager came from with the popup "Email successfully sent to …"; a refusal stays here, in words.
 */
export function SendEmailButton({ memberId, purpose, label, primary = true }: { memberId: string; purpose: "invite" | "reset"; label: string; primary?: boolean }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(sendMemberEmailAction, null);
  return (
    <form action={formAction} className="grid gap-2">
      <FormAlert message={state?.ok === false ? state.error : undefined} />
      <input type="hidden" name="memberId" value={memberId} />
      <input type="hidden" name="purpose" value={purpose} />
      <UsersSearchField />
      <div>
        <button
          type="submit"
          disabled={pending}
          className={`rounded-md px-4 py-2 text-sm font-medium ${primary ? "bg-blue-700 text-white hover:bg-blue-800 disabled:bg-blue-400" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}
        >
          {pending ? "Sending…" : label}
        </button>
      </div>
    </form>
  );
}
