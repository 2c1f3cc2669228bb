"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogCancel } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useToastedAction } from "@/components/use-toasted-action";
import { createDirectoryTokenAction, revokeDirectoryTokenAction } from "../actions";

/**
 * "Make a token": named after the directory that will use it; the token shows once, in a dialog with "Copy", and is
 * never shown again (only its hash is kept).
 */
export function MakeToken() {
  const router = useRouter();
  const [made, setMade] = useState<{ token: string; name: string } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const { formAction, pending, failed } = useToastedAction(createDirectoryTokenAction, (state) => {
    setMade({ token: state.token, name: state.name });
    form.current?.reset();
    router.refresh();
  });
  return (
    <>
      <form ref={form} action={formAction} noValidate className="flex flex-wrap items-start gap-3">
        <div className="min-w-64 flex-1">
          <Field name="name" label="Name" placeholder="Microsoft Entra ID" autoComplete="off" maxLength={60} result={failed} hint="The directory that will use it, so you know which token to revoke." />
        </div>
        <button type="submit" disabled={pending} className="mt-6 rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400">
          {pending ? "Making…" : "Make a token"}
        </button>
      </form>
      <Dialog
        open={made !== null}
        onOpenChange={(open) => !open && setMade(null)}
        title={`Copy the token for ${made?.name ?? ""} now`}
        description="Paste it into your directory's provisioning settings as the secret token. It is shown only this once: if you lose it, revoke it and make another."
      >
        {made && <ShownOnce token={made.token} />}
      </Dialog>
    </>
  );
}

function ShownOnce({ token }: { token: string }) {
  return (
    <div className="grid gap-4">
      <label htmlFor="new-token" className="sr-only">
        Token
      </label>
      <input id="new-token" readOnly value={token} onFocus={(e) => e.target.select()} className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm break-all" />
      <div className="flex flex-wrap items-center justify-end gap-2">
        <CopyButton text={token} what="The token" />
        <DialogCancel label="Done" />
      </div>
    </div>
  );
}

/** "Revoke": asks first, since the directory's next request then fails until it gets a new token. */
export function RevokeToken({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { formAction, pending, failed } = useToastedAction(revokeDirectoryTokenAction, () => {
    setOpen(false);
    router.refresh();
  });
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50">
        Revoke<span className="sr-only"> {name}</span>
      </button>
      <Dialog open={open} onOpenChange={setOpen} title={`Revoke “${name}”?`} description="Its next request is refused. The people it added stay as they are; give the directory a new token to go on syncing.">
        <form action={formAction} className="grid gap-4">
          <FormAlert message={failed?.error} />
          <input type="hidden" name="tokenId" value={tokenId} />
          <div className="flex flex-wrap justify-end gap-2">
            <DialogCancel />
            <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:bg-red-400">
              {pending ? "Revoking…" : "Revoke"}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
