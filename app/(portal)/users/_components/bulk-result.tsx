"use client";

import { useRouter } from "next/navigation";
import { useToastedAction } from "@/components/use-toasted-action";
import type { BulkEditResult } from "@/lib/members/bulk-edit-members";
import { bulkEditAction, type BulkEditState } from "../actions";

/**
 * The bulk form's state: on success a toast says how many changed, the table reloads and the selection clears; the
 * dialog stays open only to name whoever was skipped.
 */
export function useBulkEdit(onClose: () => void, onDone: () => void) {
  const router = useRouter();
  const { state, formAction, pending, failed } = useToastedAction<BulkEditState>(bulkEditAction, ({ result }) => {
    onDone();
    router.refresh();
    if (result.skippedCount === 0 && result.missing === 0) onClose();
  });
  return { action: formAction, pending, result: state?.ok ? state.result : null, failed };
}

/** Who was left out and why (issue 4: "a list of who was skipped because it is out of the actor's scope"). */
export function SkippedList({ result, onClose }: { result: BulkEditResult; onClose: () => void }) {
  const unnamed = result.skippedCount - result.skipped.length;
  return (
    <div className="grid gap-3">
      <p className="text-sm text-slate-800" role="status">
        {result.updated === 1 ? "1 user was updated." : `${result.updated} users were updated.`}{" "}
        {result.skippedCount > 0 && `${result.skippedCount} ${result.skippedCount === 1 ? "was" : "were"} skipped:`}
      </p>
      {result.skippedCount > 0 && (
        <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 text-sm" aria-label="Skipped users">
          {result.skipped.map((s) => (
            <li key={s.id} className="flex justify-between gap-4 px-3 py-2">
              <span className="font-medium">{s.label}</span>
              <span className="text-slate-600">{s.reason}</span>
            </li>
          ))}
          {unnamed > 0 && <li className="px-3 py-2 text-slate-600">…and {unnamed} more</li>}
        </ul>
      )}
      {result.missing > 0 && (
        <p className="text-sm text-slate-700">
          {result.missing === 1 ? "1 selected user no longer exists or is no longer yours to manage." : `${result.missing} selected users no longer exist or are no longer yours to manage.`}
        </p>
      )}
      <div className="flex justify-end">
        <button type="button" onClick={onClose} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
          Done
        </button>
      </div>
    </div>
  );
}
