"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_lib/action-result";
import { Dialog, DialogCancel } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { useToastedAction } from "@/components/use-toasted-action";
import { resetMemberCompletelyAction, setMemberStatusAction } from "../../actions";

/** A confirmation dialog around one server action: toast and reload on success, the error inside the dialog otherwise. */
function useConfirmedAction(action: (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { formAction, pending, failed } = useToastedAction(action, () => {
    setOpen(false);
    router.refresh();
  });
  return { open, setOpen, formAction, pending, error: failed?.error };
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="grid min-w-0 gap-3 rounded-lg border border-slate-200 bg-white p-5 [overflow-wrap:anywhere]">
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** What disabling means: a portal user is signed out; a login-less one (an IP phone, a room) is only taken out of use. */
const STATUS_WORDS = {
  portal: {
    disabled: (label: string) => `${label} can't sign in. Enabling lets them sign in again; if they never set a password, they stay Pending.`,
    enabled: (label: string) => `${label} is signed out everywhere at once, and links already emailed to them stop working. Nothing is deleted; you can enable them again.`,
    enable: (label: string) => `${label} will be able to sign in again.`,
    disable: (label: string) => `${label} will be signed out and can't sign in until enabled again.`,
  },
  noPortal: {
    disabled: (label: string) => `${label} is out of use. Enabling puts them back in use as they were.`,
    enabled: (label: string) => `${label} is taken out of use. Nothing is deleted; you can enable them again.`,
    enable: (label: string) => `${label} will be back in use.`,
    disable: (label: string) => `${label} will be out of use until enabled again.`,
  },
} as const;

export function StatusCard({ memberId, label, disabled, portal }: { memberId: string; label: string; disabled: boolean; portal: boolean }) {
  const { open, setOpen, formAction, pending, error } = useConfirmedAction(setMemberStatusAction);
  const verb = disabled ? "Enable user" : "Disable user";
  const words = STATUS_WORDS[portal ? "portal" : "noPortal"];
  return (
    <Card title={disabled ? "This user is disabled" : "Disable user"}>
      <p className="text-sm text-slate-700">
        {disabled ? words.disabled(label) : words.enabled(label)}
      </p>
      <div>
        <button type="button" onClick={() => setOpen(true)} className={`rounded-md px-4 py-2 text-sm font-medium ${disabled ? "bg-blue-700 text-white hover:bg-blue-800" : "border border-red-300 text-red-800 hover:bg-red-50"}`}>
          {verb}
        </button>
      </div>
      <Dialog open={open} onOpenChange={setOpen} title={`${verb}?`} description={disabled ? words.enable(label) : words.disable(label)}>
        <form action={formAction} className="grid gap-4">
          <FormAlert message={error} />
          <input type="hidden" name="memberId" value={memberId} />
          <input type="hidden" name="change" value={disabled ? "enabled" : "disabled"} />
          <div className="flex justify-end gap-3">
            <DialogCancel />
            <button type="submit" disabled={pending} className={`rounded-md px-4 py-2 text-sm font-medium text-white ${disabled ? "bg-blue-700 hover:bg-blue-800" : "bg-red-700 hover:bg-red-800"}`}>
              {pending ? "Working…" : verb}
            </button>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}

export function ResetCompletelyCard({ memberId, label, cleared, kept, portal }: { memberId: string; label: string; cleared: string[]; kept: string; portal: boolean }) {
  const { open, setOpen, formAction, pending, error } = useConfirmedAction(resetMemberCompletelyAction);
  return (
    <Card title="Reset user completely">
      <p className="text-sm text-slate-700">
        {portal
          ? "For giving this extension to a new employee: everything personal is cleared and the user becomes Pending, ready for the new person's name and email."
          : "For giving this extension a new use: its name and PINs are cleared, ready for the new name."}
      </p>
      <div>
        <button type="button" onClick={() => setOpen(true)} className="rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50">
          Reset user completely
        </button>
      </div>
      <Dialog open={open} onOpenChange={setOpen} title={`Reset ${label} completely?`} description="This can't be undone. It clears:">
        <form action={formAction} className="grid gap-4">
          <ul className="list-disc pl-5 text-sm text-slate-800">
            {cleared.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <p className="text-sm text-slate-700">It keeps the {kept}.</p>
          <FormAlert message={error} />
          <input type="hidden" name="memberId" value={memberId} />
          <div className="flex justify-end gap-3">
            <DialogCancel />
            <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800">
              {pending ? "Resetting…" : "Reset user completely"}
            </button>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}
