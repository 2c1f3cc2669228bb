"use client";

import { useState } from "react";
import { Dialog, DialogCancel } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { formatCount } from "@/lib/members/format";
import type { MemberSelection } from "@/lib/members/schemas";
import { SkippedList, useBulkEdit } from "./bulk-result";


/**
 * "Bulk User Actions" (seed 002): the selected users on the left, the action on the right, then "Complete Action"
 * ("Cancel" does nothing). The welcome-email issue adds "Send Welcome Email" and "Send Password Reset" here.
 */
export function BulkActionDialog({
  selection,
  count,
  names,
  onClose,
  onDone,
}: {
  selection: MemberSelection;
  count: number;
  names: { id: string; name: string; extension: string }[] | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { action, pending, result, failed } = useBulkEdit(onClose, onDone);
  // What was selected when the dialog opened: the selection behind it is cleared once the change is made.
  const [selected] = useState({ selection, count, names });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title="Bulk User Actions" wide>
      {result ? (
        <SkippedList result={result} onClose={onClose} />
      ) : (
        <form action={action} className="grid gap-4">
          <FormAlert message={failed?.error} />
          <input type="hidden" name="selection" value={JSON.stringify(selected.selection)} />
          <div className="grid gap-4 sm:grid-cols-2">
            <section aria-labelledby="bulk-selected-heading" className="grid content-start gap-2">
              <h3 id="bulk-selected-heading" className="text-sm font-medium text-slate-800">
                Selected ({formatCount(selected.count)})
              </h3>
              {selected.names ? (
                <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 text-sm">
                  {selected.names.map((n) => (
                    <li key={n.id} className="flex justify-between gap-3 px-3 py-1.5">
                      <span>{n.name || "No name yet"}</span>
                      <span className="font-mono text-slate-600">{n.extension}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="rounded-md border border-slate-200 px-3 py-2 text-sm">All {formatCount(selected.count)} users matching your search and filters.</p>
              )}
            </section>
            <fieldset className="grid content-start gap-2">
              <legend className="mb-2 text-sm font-medium text-slate-800">Action</legend>
              <label className="flex items-start gap-2 rounded-md border border-slate-200 p-3 text-sm">
                <input type="radio" name="status" value="disabled" required defaultChecked className="mt-0.5" />
                <span>
                  <span className="font-medium">Disable users</span>
                  <span className="block text-slate-600">They are signed out and their links stop working.</span>
                </span>
              </label>
              <label className="flex items-start gap-2 rounded-md border border-slate-200 p-3 text-sm">
                <input type="radio" name="status" value="enabled" className="mt-0.5" />
                <span>
                  <span className="font-medium">Enable users</span>
                  <span className="block text-slate-600">They can sign in again; those who never set a password stay Pending.</span>
                </span>
              </label>
            </fieldset>
          </div>
          <div className="flex justify-end gap-3">
            <DialogCancel />
            <button type="submit" disabled={pending} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400">
              {pending ? "Working…" : "Complete Action"}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
