"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Dialog, DialogCancel } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useToastedAction } from "@/components/use-toasted-action";
import { SUPPORT_REASON_MAX } from "@/lib/support/reason";
import { resendToCorrectedAddressAction, sendOnBehalfAction } from "../actions";

type Act = { kind: "send"; purpose: "invite" | "reset" } | { kind: "resend"; messageId: string };

/**
 * A support act on a customer's behalf (SPEC §4.14): the button opens a dialog that says what will happen and asks
 * why (a few words or a ticket number) before anything is sent. A refusal stays in the dialog, in words; success
 * shows "Email successfully sent to …" and the page shows the new email.
 */
export function OnBehalfButton({
  memberId,
  act,
  label,
  title,
  description,
  organizationName,
  focusAfter,
}: {
  memberId: string;
  act: Act;
  label: string;
  title: string;
  description: ReactNode;
  organizationName: string;
  /** The id of what keyboard focus goes to once sent, when the refreshed page no longer has this button. */
  focusAfter?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // A new dialog each time it opens: no reason or refusal left over from the last one.
  const [opened, setOpened] = useState(0);
  const [sent, setSent] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpened((n) => n + 1);
          setSent(false);
          setOpen(true);
        }}
        className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
      >
        {label}
      </button>
      <Dialog open={open} onOpenChange={setOpen} title={title} description={description} returnFocusTo={sent ? focusAfter : undefined}>
        <ReasonForm
          key={opened}
          memberId={memberId}
          act={act}
          label={label}
          organizationName={organizationName}
          onDone={() => {
            setSent(true);
            setOpen(false);
            router.refresh();
          }}
        />
      </Dialog>
    </>
  );
}

function ReasonForm({ memberId, act, label, organizationName, onDone }: { memberId: string; act: Act; label: string; organizationName: string; onDone: () => void }) {
  const { formAction, pending, failed } = useToastedAction(act.kind === "send" ? sendOnBehalfAction : resendToCorrectedAddressAction, onDone);
  return (
    <form action={formAction} noValidate className="grid gap-4">
      <FormAlert message={failed && !failed.fieldErrors?.reason ? failed.error : undefined} />
      <input type="hidden" name="memberId" value={memberId} />
      {act.kind === "send" ? <input type="hidden" name="purpose" value={act.purpose} /> : <input type="hidden" name="messageId" value={act.messageId} />}
      <Field
        name="reason"
        label="Reason"
        hint={`What the customer asked for, or the ticket number. ${organizationName}'s audit log shows it beside your name.`}
        result={failed}
        required
        maxLength={SUPPORT_REASON_MAX}
        autoComplete="off"
      />
      <div className="flex flex-wrap justify-end gap-2">
        <DialogCancel />
        <button type="submit" disabled={pending} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400">
          {pending ? "Sending…" : label}
        </button>
      </div>
    </form>
  );
}
