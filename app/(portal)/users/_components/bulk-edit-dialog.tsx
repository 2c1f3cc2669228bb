"use client";

import { useState } from "react";
import { Dialog, DialogCancel } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { formatCount } from "@/lib/members/format";
import type { MemberSelection } from "@/lib/members/schemas";
import { SkippedList, useBulkEdit } from "./bulk-result";

export type BulkEditOptions = {
  sites: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  roles: { value: string; label: string }[];
};

const KEEP = { value: "keep", label: "Don't change" };

/** Bulk Edit: site, department, team, role, or disable/enable, for every selected user the actor may edit. */
export function BulkEditDialog({
  selection,
  count,
  onClose,
  onDone,
  sites,
  teams,
  roles,
}: { selection: MemberSelection; count: number; onClose: () => void; onDone: () => void } & BulkEditOptions) {
  const { action, pending, result, failed } = useBulkEdit(onClose, onDone);
  // What was selected when the dialog opened: the selection behind it is cleared once the change is made.
  const [selected] = useState({ selection, count });
  const [departmentMode, setDepartmentMode] = useState<"keep" | "set" | "clear">("keep");
  const [departmentText, setDepartmentText] = useState("");
  const departmentError = failed?.fieldErrors?.department?.[0];
  const people = selected.count === 1 ? "1 user" : `${formatCount(selected.count)} users`;
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title="Bulk Edit" description={`Change ${people} at once. Fields left at "Don't change" stay as they are.`}>
      {result ? (
        <SkippedList result={result} onClose={onClose} />
      ) : (
        <form action={action} className="grid gap-4" noValidate>
          <FormAlert message={failed?.error} />
          <input type="hidden" name="selection" value={JSON.stringify(selected.selection)} />
          <SelectField name="siteId" label="Site" result={failed} options={[KEEP, { value: "none", label: "No site" }, ...sites.map((s) => ({ value: s.id, label: s.name }))]} />
          <div className="grid gap-1">
            <label htmlFor="bulk-department-mode" className="text-sm font-medium text-slate-800">
              Department
            </label>
            <div className="flex gap-2">
              <select
                id="bulk-department-mode"
                value={departmentMode}
                onChange={(e) => setDepartmentMode(e.target.value as typeof departmentMode)}
                className="rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm"
              >
                <option value="keep">Don&apos;t change</option>
                <option value="set">Set to…</option>
                <option value="clear">Clear</option>
              </select>
              {departmentMode === "set" && (
                <input
                  aria-label="New department"
                  value={departmentText}
                  onChange={(e) => setDepartmentText(e.target.value)}
                  aria-invalid={departmentError ? true : undefined}
                  aria-describedby={departmentError ? "bulk-department-error" : undefined}
                  className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 shadow-sm aria-[invalid=true]:border-red-600"
                />
              )}
            </div>
            <input type="hidden" name="department" value={departmentMode === "set" ? departmentText || "keep" : departmentMode} />
            {departmentError && (
              <p id="bulk-department-error" className="text-sm text-red-700">
                {departmentError}
              </p>
            )}
          </div>
          <SelectField name="teamId" label="Team" result={failed} options={[KEEP, { value: "none", label: "No Team" }, ...teams.map((t) => ({ value: t.id, label: t.name }))]} />
          {roles.length > 0 && (
            <SelectField
              name="role"
              label="Role"
              result={failed}
              options={[KEEP, ...roles]}
              hint="New Site Managers manage their own site and new Call Center Supervisors supervise their own team; adjust that on each profile."
            />
          )}
          <SelectField
            name="status"
            label="Status"
            result={failed}
            options={[KEEP, { value: "disabled", label: "Disable: end their sessions and links" }, { value: "enabled", label: "Enable" }]}
          />
          {failed?.fieldErrors?.changes && <p className="text-sm text-red-700">{failed.fieldErrors.changes[0]}</p>}
          <div className="flex justify-end gap-3">
            <DialogCancel />
            <button type="submit" disabled={pending} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400">
              {pending ? "Saving…" : `Apply to ${people}`}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
