"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Dialog, DialogCancel } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { useToastedAction } from "@/components/use-toasted-action";
import { formatCount } from "@/lib/members/format";
import type { MemberSelection } from "@/lib/members/schemas";
import type { SendPlan } from "@/lib/onboarding/send-link-emails";
import { SKIP_REASONS, type SkipReason } from "@/lib/onboarding/sendability";
import { bulkSendAction, planBulkSendAction, type BulkSendState } from "../actions";
import { announceBulkSend } from "./bulk-send-progress";
import { SkippedList, useBulkEdit } from "./bulk-result";

/** The acts of "Bulk User Actions": the two sends (SPEC §4.6) and, for those who may, disable/enable. */
export type BulkChoice = "invite" | "reset" | "disabled" | "enabled";

const CHOICES: Record<BulkChoice, { label: string; hint: string }> = {
  invite: { label: "Send Welcome Email", hint: "A link to set their password, for users who haven't yet. Earlier links stop working." },
  reset: { label: "Send Password Reset", hint: "A link to choose a new password, for users who already set one." },
  disabled: { label: "Disable users", hint: "They are signed out and their links stop working." },
  enabled: { label: "Enable users", hint: "They can sign in again; those who never set a password stay Pending." },
};

/**
 * "Bulk User Actions" (seed 002): the selected users on the left, the action on the right, then "Complete Action"
 * ("Cancel" does nothing). For a send, the dialog first says who will get an email and who will be skipped and why
 * (SPEC §4.6), re-asked of the server whenever the action changes.
 */
export function BulkActionDialog({
  selection,
  count,
  names,
  choices,
  initialChoice = choices[0]!,
  title = "Bulk User Actions",
  onClose,
  onDone,
}: {
  selection: MemberSelection;
  count: number;
  names: { id: string; name: string; extension: string }[] | null;
  choices: BulkChoice[];
  initialChoice?: BulkChoice;
  title?: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const router = useRouter();
  // What was selected when the dialog opened: the selection behind it is cleared once the action is done.
  const [selected] = useState({ selection, count, names });
  const [choice, setChoice] = useState<BulkChoice>(initialChoice);
  const isSend = choice === "invite" || choice === "reset";
  const edit = useBulkEdit(onClose, onDone);
  const send = useToastedAction<BulkSendState>(bulkSendAction, ({ result }) => {
    if (result.jobId) announceBulkSend(result.jobId);
    onDone();
    router.refresh();
    onClose();
  });
  const plan = useSendPlan(isSend ? choice : null, selected.selection);
  const pending = isSend ? send.pending : edit.pending;
  const failed = isSend ? send.failed : edit.failed;
  const nothingToSend = isSend && plan?.sendable === 0;

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={title} wide>
      {edit.result ? (
        <SkippedList result={edit.result} onClose={onClose} />
      ) : (
        <form action={isSend ? send.formAction : edit.action} className="grid gap-4">
          <FormAlert message={failed?.error} />
          <input type="hidden" name="selection" value={JSON.stringify(selected.selection)} />
          <input type="hidden" name={isSend ? "purpose" : "status"} value={choice} />
          <div className="grid gap-4 sm:grid-cols-2">
            <section aria-labelledby="bulk-selected-heading" className="grid content-start gap-2">
              <h3 id="bulk-selected-heading" className="text-sm font-medium text-slate-800">
                Selected ({formatCount(selected.count)})
              </h3>
              {selected.names ? (
                <ul tabIndex={0} aria-labelledby="bulk-selected-heading" className="max-h-48 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 text-sm">
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
              {isSend && <SendPlanSummary plan={plan} purpose={choice} choices={choices} onSwitch={setChoice} />}
            </section>
            <fieldset className="grid content-start gap-2">
              <legend className="mb-2 text-sm font-medium text-slate-800">Action</legend>
              {choices.map((value) => (
                <label key={value} className="flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-blue-400 has-[:checked]:bg-blue-50">
                  <input type="radio" name="choice" value={value} checked={choice === value} onChange={() => setChoice(value)} className="mt-0.5" />
                  <span>
                    <span className="font-medium">{CHOICES[value].label}</span>
                    <span className="block text-slate-600">{CHOICES[value].hint}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          </div>
          <div className="flex justify-end gap-3">
            <DialogCancel />
            <button
              type="submit"
              disabled={pending || (isSend && !plan) || nothingToSend}
              className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400"
            >
              {pending ? "Working…" : "Complete Action"}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** The server's answer to "who would this send reach?", asked again when the action changes; null while asking. */
function useSendPlan(purpose: "invite" | "reset" | null, selection: MemberSelection) {
  const [answer, setAnswer] = useState<{ purpose: string; plan: SendPlan | null; error?: string } | null>(null);
  useEffect(() => {
    if (!purpose) return;
    let current = true;
    void planBulkSendAction({ selection, purpose }).then((result) => {
      if (current) setAnswer({ purpose, plan: result.ok ? result.plan : null, error: result.ok ? undefined : result.error });
    });
    return () => {
      current = false;
    };
  }, [purpose, selection]);
  return answer?.purpose === purpose ? answer.plan : null;
}

const REASON_ORDER = Object.keys(SKIP_REASONS) as SkipReason[];

/** "N will get a welcome email", then everyone skipped, grouped by why; offers the other send where it fits. */
function SendPlanSummary({
  plan,
  purpose,
  choices,
  onSwitch,
}: {
  plan: SendPlan | null;
  purpose: "invite" | "reset";
  choices: BulkChoice[];
  onSwitch: (choice: BulkChoice) => void;
}) {
  if (!plan) {
    return (
      <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" role="status">
        Checking who can get this email…
      </p>
    );
  }
  const noun = purpose === "invite" ? "welcome email" : "password reset email";
  const named = new Map<SkipReason, string[]>();
  for (const s of plan.skipped) named.set(s.reason, [...(named.get(s.reason) ?? []), s.label]);
  const other = purpose === "invite" ? "reset" : "invite";
  const otherReason: SkipReason = purpose === "invite" ? "already-confirmed" : "not-confirmed";
  const offerOther = choices.includes(other) && (plan.skippedByReason[otherReason] ?? 0) > 0;
  return (
    <section aria-label="Who gets an email" className="grid gap-2 rounded-md border border-slate-200 p-3 text-sm" role="status">
      <p className="font-medium text-slate-900">
        {plan.sendable === 0
          ? `Nobody in this selection can get a ${noun} right now.`
          : plan.sendable === 1
            ? `1 user will get a ${noun}.`
            : `${formatCount(plan.sendable)} users will get a ${noun}.`}
        {plan.skippedCount > 0 && ` ${formatCount(plan.skippedCount)} will be skipped:`}
      </p>
      {plan.skippedCount > 0 && (
        <ul tabIndex={0} className="grid max-h-56 gap-2 overflow-y-auto" aria-label="Skipped users">
          {REASON_ORDER.filter((r) => plan.skippedByReason[r]).map((reason) => {
            const names = named.get(reason) ?? [];
            const more = plan.skippedByReason[reason]! - names.length;
            return (
              <li key={reason}>
                <span className="font-medium text-slate-800">
                  {SKIP_REASONS[reason]} ({formatCount(plan.skippedByReason[reason]!)})
                </span>
                {names.length > 0 && (
                  <span className="block text-slate-600">
                    {names.join(", ")}
                    {more > 0 && ` and ${formatCount(more)} more`}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {offerOther && (
        <div>
          <button type="button" onClick={() => onSwitch(other)} className="rounded-md border border-blue-300 bg-white px-3 py-1.5 font-medium text-blue-900 hover:bg-blue-50">
            {other === "reset" ? "Send Password Reset instead" : "Send Welcome Email instead"}
          </button>
        </div>
      )}
      {plan.missing > 0 && <p className="text-slate-700">{formatCount(plan.missing)} selected users no longer exist or are no longer yours to manage.</p>}
    </section>
  );
}
