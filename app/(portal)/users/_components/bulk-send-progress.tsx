"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { useJobProgress } from "@/components/use-job-progress";
import { formatCount } from "@/lib/members/format";
import type { BulkSendProgress } from "@/lib/onboarding/bulk-send-progress";

type Progress = BulkSendProgress;

const SENT_EVENT = "gatehouse:bulk-send";

/** Tells the page a bulk send just started, so its progress bar shows at once (the dialog and the bars are siblings). */
export function announceBulkSend(jobId: string) {
  window.dispatchEvent(new CustomEvent(SENT_EVENT, { detail: jobId }));
}

/**
 * The progress bars of the actor's bulk sends (SPEC §4.6: "queued / sent / delivered / failed" until done). The page
 * passes the sends still under way, so a reload brings them back; new ones are announced by the dialog.
 */
export function BulkSendProgressList({ running, emailLog }: { running: Progress[]; emailLog: boolean }) {
  const [jobs, setJobs] = useState<{ id: string; initial: Progress | null }[]>(() => running.map((p) => ({ id: p.jobId, initial: p })));
  useEffect(() => {
    const onSent = (event: Event) => {
      const id = (event as CustomEvent<string>).detail;
      setJobs((list) => (list.some((j) => j.id === id) ? list : [{ id, initial: null }, ...list]));
    };
    window.addEventListener(SENT_EVENT, onSent);
    return () => window.removeEventListener(SENT_EVENT, onSent);
  }, []);
  if (!jobs.length) return null;
  return (
    <div className="grid gap-3">
      {jobs.map((j) => (
        <SendProgressBar key={j.id} jobId={j.id} initial={j.initial} emailLog={emailLog} onDismiss={() => setJobs((list) => list.filter((x) => x.id !== j.id))} />
      ))}
    </div>
  );
}

const POLL_MS = 1_000;

function SendProgressBar({ jobId, initial, emailLog, onDismiss }: { jobId: string; initial: Progress | null; emailLog: boolean; onDismiss: () => void }) {
  const [progress, setProgress] = useState<Progress | null>(initial);
  const [lost, setLost] = useState(false);
  const done = progress?.done ?? false;
  useJobProgress<Progress>(done ? null : jobId, POLL_MS, (now) => {
    setLost(!now); // offline for a moment: keep the last figures and try again
    if (now) setProgress(now);
    return now?.done ? "stop" : undefined;
  }, { firstAfterMs: initial ? POLL_MS : 0 });

  const noun = progress?.template === "password-reset" ? "password reset emails" : "welcome emails";
  const total = progress?.total ?? 0;
  const handled = total - (progress?.queued ?? total);
  const percent = total ? Math.round((handled / total) * 100) : 0;
  const part = (n: number) => `${total ? (n / total) * 100 : 0}%`;
  return (
    <section aria-label={`Sending ${noun}`} className="grid gap-2 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">{headline(progress, noun)}</h2>
        {done && (
          <button type="button" onClick={onDismiss} className="text-sm font-medium text-blue-800 underline">
            Dismiss
          </button>
        )}
      </div>
      <div
        role="progressbar"
        aria-label={`Sending ${noun}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={progress ? `${percent}%: ${formatCount(handled)} of ${formatCount(total)} handled` : "Starting"}
        className="flex h-3 overflow-hidden rounded-full bg-slate-200"
      >
        {progress && (
          <>
            <div className="bg-green-600" style={{ width: part(progress.delivered) }} />
            <div className="bg-blue-600" style={{ width: part(progress.sent) }} />
            <div className="bg-red-600" style={{ width: part(progress.failed) }} />
          </>
        )}
      </div>
      {progress && (
        <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700" aria-live="polite">
          <Count label="Queued" value={progress.queued} swatch="bg-slate-300" />
          <Count label="Sent" value={progress.sent} swatch="bg-blue-600" />
          <Count label="Delivered" value={progress.delivered} swatch="bg-green-600" />
          <Count label="Failed" value={progress.failed} swatch="bg-red-600" />
        </dl>
      )}
      {done && progress!.failed > 0 && (
        <p className="text-sm text-red-800">
          {formatCount(progress!.failed)} could not be delivered.{" "}
          {emailLog ? (
            <Link href="/email-log?status=failed" className="font-medium underline">
              See why in the Email log
            </Link>
          ) : (
            "Open each user's Email log tab to see why."
          )}
        </p>
      )}
      {lost && <p className="text-sm text-slate-600">Can&apos;t reach Gatehouse right now; the figures will update when it answers again.</p>}
    </section>
  );
}

function headline(progress: Progress | null, noun: string): string {
  if (!progress) return `Sending ${noun}…`;
  const { total, queued, failed } = progress;
  if (!progress.done) return `Sending ${formatCount(total)} ${noun}: ${formatCount(total - queued)} done`;
  if (!failed) return `Sent ${formatCount(total)} ${noun}`;
  if (failed === total) return `None of the ${formatCount(total)} ${noun} could be sent`;
  return `Sent ${formatCount(total - failed)} of ${formatCount(total)} ${noun}`;
}

function Count({ label, value, swatch }: { label: string; value: number; swatch: string }) {
  return (
    <div className="flex items-center gap-1.5">
      <span aria-hidden="true" className={`inline-block size-2.5 rounded-full ${swatch}`} />
      <dt>{label}</dt>
      <dd className="font-medium tabular-nums text-slate-900">{formatCount(value)}</dd>
    </div>
  );
}
