"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/app/_lib/action-result";
import { FormAlert } from "@/components/ui/form-alert";
import type { ImportPreview, ImportProgress } from "@/lib/imports/check-import";
import { IMPORT_TYPE_LABELS, IMPORT_TYPES, type ImportType } from "@/lib/imports/columns";
import { formatCount, newPlacesText } from "@/lib/members/format";
import { ROLE_LABELS } from "@/lib/members/labels";
import { useJobProgress } from "@/components/use-job-progress";
import { importedListOf } from "@/lib/imports/columns";
import { discardImportAction, importMembersAction, startImportAction } from "../actions";

type Stage =
  | { kind: "choose"; error?: string }
  | { kind: "checking"; jobId: string; fileName: string; progress: ImportProgress | null }
  | { kind: "ready"; preview: ImportPreview }
  | { kind: "importing"; progress: ImportProgress };

const TYPE_HINTS: Record<ImportType, string> = {
  portal: "People who sign in to the portal, soft phone and mobile app: each needs an email address.",
  "no-portal": "Login-less users, such as IP phones with a PIN: no email, no password.",
};

/**
 * The Import page's steps (SPEC §4.5): user type and sample file, the upload (picker or drag and drop) with a progress
 * bar while the file is read and checked, then the preview of what will be imported and what is wrong, line by line.
 * The stage lives on the server (a job), so a reload comes back to it.
 */
export function ImportWizard({ current, preview }: { current: ImportProgress | null; preview: ImportPreview | null }) {
  const router = useRouter();
  const [type, setType] = useState<ImportType>(preview?.type ?? "portal");
  const [stage, setStage] = useState<Stage>(() =>
    preview
      ? { kind: "ready", preview }
      : current?.phase === "checking"
        ? { kind: "checking", jobId: current.jobId, fileName: current.fileName, progress: current }
        : current?.phase === "importing"
          ? { kind: "importing", progress: current }
          : { kind: "choose" },
  );
  const upload = useRef<AbortController | null>(null);

  async function check(file: File) {
    const started = await startImportAction({ type, fileName: file.name, size: file.size });
    if (!started.ok) return setStage({ kind: "choose", error: started.error });
    setStage({ kind: "checking", jobId: started.jobId, fileName: file.name, progress: null });
    upload.current = new AbortController();
    try {
      const response = await fetch(`/api/imports/${started.jobId}`, { method: "PUT", body: file, signal: upload.current.signal, headers: { "Content-Type": "text/csv" } });
      const answer = (await response.json()) as ImportPreview | { error: string };
      if ("error" in answer) setStage({ kind: "choose", error: answer.error });
      else setStage({ kind: "ready", preview: answer });
    } catch {
      setStage({ kind: "choose", error: upload.current.signal.aborted ? "The upload was cancelled. Nothing was imported." : "The file could not be sent. Check your connection and try again." });
    } finally {
      upload.current = null;
    }
  }

  // Progress while the file is read and checked, also when this page was reloaded meanwhile (no upload of ours).
  const checkingJob = stage.kind === "checking" ? stage.jobId : null;
  useJobProgress<ImportProgress>(checkingJob, 500, (progress) => {
    if (!progress) return;
    setStage((s) => (s.kind === "checking" && s.jobId === checkingJob ? { ...s, progress } : s));
    if (upload.current) return; // our own upload's answer brings the preview
    if (progress.phase !== "checking") {
      // Reloaded during the check: the server page has the preview (or the reason it failed).
      if (progress.phase === "failed") setStage({ kind: "choose", error: progress.error ?? undefined });
      else router.refresh();
      return "stop";
    }
    if (progress.stalled) {
      setStage({ kind: "choose", error: "The check of this file stopped before it finished. Upload the file again." });
      return "stop";
    }
  });

  // The server page answers the reload case with a preview; take it when it arrives.
  const [shownPreview, setShownPreview] = useState(preview);
  if (preview !== shownPreview) {
    setShownPreview(preview);
    if (preview) setStage({ kind: "ready", preview });
  }

  async function chooseAnother(jobId: string) {
    await discardImportAction(jobId);
    setStage({ kind: "choose" });
  }

  if (stage.kind === "checking") return <Checking stage={stage} onCancel={() => upload.current?.abort()} />;
  if (stage.kind === "importing") return <Importing progress={stage.progress} />;
  if (stage.kind === "ready") return <Preview preview={stage.preview} onChooseAnother={() => void chooseAnother(stage.preview.jobId)} />;
  return (
    <div className="grid gap-5">
      {stage.error && <FileProblem message={stage.error} />}
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">1. User type</legend>
        <div className="flex flex-wrap gap-3">
          {IMPORT_TYPES.map((value) => (
            <label key={value} className="flex max-w-sm flex-1 items-start gap-2 rounded-md border border-slate-300 bg-white p-3 text-sm has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50">
              <input type="radio" name="type" value={value} checked={type === value} onChange={() => setType(value)} className="mt-0.5" />
              <span>
                <span className="font-medium">{IMPORT_TYPE_LABELS[value]}</span>
                <span className="block text-slate-600">{TYPE_HINTS[value]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-2">
        <h2 className="text-sm font-medium text-slate-800">2. Fill in the sample file</h2>
        <p className="text-sm text-slate-600">
          One row per person, under the sample&apos;s column names (their order doesn&apos;t matter), in place of its two example rows. Save it from
          Excel, Numbers or Google Sheets as CSV; commas, semicolons and tabs all work.
        </p>
        <div>
          <a href={`/api/imports/sample?type=${type}`} download className="inline-block rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100">
            Download sample file
          </a>
        </div>
      </div>
      <div className="grid gap-2">
        <h2 className="text-sm font-medium text-slate-800">3. Upload it</h2>
        <FileDrop onFile={(file) => void check(file)} />
      </div>
    </div>
  );
}

/** Why the file can't be imported; focused when it appears, since the picker that had focus was used up. */
function FileProblem({ message }: { message: string }) {
  const alert = useRef<HTMLParagraphElement>(null);
  useEffect(() => alert.current?.focus(), [message]);
  return (
    <p ref={alert} role="alert" tabIndex={-1} className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 outline-none">
      {message}
    </p>
  );
}

/** A file picker that also takes a file dropped on it; the picker is a real input, so the keyboard reaches it. */
function FileDrop({ onFile }: { onFile: (file: File) => void }) {
  const [over, setOver] = useState(false);
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
      className={`grid justify-items-center gap-2 rounded-lg border-2 border-dashed p-8 text-center ${over ? "border-blue-600 bg-blue-50" : "border-slate-300 bg-white"}`}
    >
      <p className="text-sm text-slate-700">Drop the CSV file here, or</p>
      <label className="cursor-pointer rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white focus-within:outline focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-blue-700 hover:bg-blue-800">
        Choose a CSV file
        <input
          type="file"
          accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values"
          className="sr-only"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) onFile(file);
          }}
        />
      </label>
    </div>
  );
}

function Checking({ stage, onCancel }: { stage: Extract<Stage, { kind: "checking" }>; onCancel: () => void }) {
  const p = stage.progress;
  const percent = p && p.bytesTotal ? Math.min(100, Math.round((p.bytesRead / p.bytesTotal) * 100)) : 0;
  return (
    <section aria-label="Checking the file" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="text-base font-semibold">Checking {stage.fileName}</h2>
      <div
        role="progressbar"
        aria-label="Checking the file"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%, ${formatCount(p?.rowsChecked ?? 0)} rows checked`}
        className="h-3 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-blue-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-slate-700" aria-live="polite">
        {formatCount(p?.rowsChecked ?? 0)} rows checked. Nothing is imported until you have seen what was found.
      </p>
      <div>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100">
          Cancel
        </button>
      </div>
    </section>
  );
}

/** Reloaded while "Import N members" runs: it goes on on the server; this waits for it, then shows the list it fills. */
function Importing({ progress }: { progress: ImportProgress }) {
  const router = useRouter();
  useJobProgress<ImportProgress>(progress.jobId, 1_000, (now) => {
    if (!now || now.phase === "importing") return;
    router.push(now.phase === "imported" ? importedListOf(now.type) : "/users/import");
    return "stop";
  });
  const members = progress.valid === 1 ? "1 member" : `${formatCount(progress.valid)} members`;
  return (
    <section aria-label="Importing" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="text-base font-semibold">Importing {members} from {progress.fileName}</h2>
      <div role="progressbar" aria-label={`Importing ${members}`} className="h-3 overflow-hidden rounded-full bg-slate-200">
        <div className="h-full w-1/3 animate-pulse rounded-full bg-blue-600" />
      </div>
      <p className="text-sm text-slate-700">They are written all at once: in a moment they are all there, or, if anything goes wrong, none of them.</p>
    </section>
  );
}

function Preview({ preview, onChooseAnother }: { preview: ImportPreview; onChooseAnother: () => void }) {
  const [state, importAction, pending] = useActionState<ActionResult | null, FormData>(importMembersAction, null);
  // The file input that had focus is gone: keyboard and screen-reader users go on from what was found.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const nobody = preview.valid === 0;
  const members = preview.valid === 1 ? "1 member" : `${formatCount(preview.valid)} members`;
  const { sites: newSites, teams: newTeams } = preview.newPlaces ?? { sites: [], teams: [] };
  const newPlaces = newSites.length + newTeams.length ? newPlacesText(newSites.length, newTeams.length) : null;
  return (
    <div className="grid gap-5">
      <section aria-labelledby="preview-heading" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="preview-heading" ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
          {preview.fileName}: {IMPORT_TYPE_LABELS[preview.type]}
        </h2>
        <ul className="flex flex-wrap gap-3 text-sm">
          <li className="rounded-md bg-green-50 px-3 py-2 text-green-900 ring-1 ring-green-200">
            <span className="font-semibold">{formatCount(preview.valid)}</span> {preview.valid === 1 ? "row is" : "rows are"} ready to import
          </li>
          <li className={`rounded-md px-3 py-2 ring-1 ${preview.invalid ? "bg-red-50 text-red-900 ring-red-200" : "bg-slate-50 text-slate-700 ring-slate-200"}`}>
            <span className="font-semibold">{formatCount(preview.invalid)}</span> {preview.invalid === 1 ? "row has" : "rows have"} errors{preview.invalid ? " and will be left out" : ""}
          </li>
        </ul>
        <FormAlert message={state?.ok === false ? state.error : undefined} />
        {nobody ? (
          <p className="text-sm text-slate-700">No row can be imported yet. Fix the errors below in your spreadsheet and upload the file again.</p>
        ) : (
          <form action={importAction} className="grid gap-3">
            <input type="hidden" name="jobId" value={preview.jobId} />
            {newPlaces && (
              <div aria-labelledby="new-places-heading" role="group" className="grid gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200">
                <p id="new-places-heading" className="font-medium">
                  {newPlaces}
                </p>
                <dl className="grid gap-1 sm:grid-cols-[max-content_1fr] sm:gap-x-3">
                  {newSites.length > 0 && <NewPlaceNames term={newSites.length === 1 ? "New site" : "New sites"} names={newSites.map((p) => p.name)} />}
                  {newTeams.length > 0 && <NewPlaceNames term={newTeams.length === 1 ? "New team" : "New teams"} names={newTeams.map((p) => p.name)} />}
                </dl>
                <p className="text-amber-900">
                  &quot;Create them and import&quot; adds them to your organization, then the members, in one step. A name that looks wrong? Fix it in your spreadsheet and choose another file.
                </p>
                <input type="hidden" name="createPlaces" value="on" />
              </div>
            )}
            {preview.type === "portal" && (
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="sendActivation" className="mt-0.5 size-4" />
                <span>
                  <span className="font-medium">Send activation emails right away</span>
                  <span className="block text-slate-600">Each imported member gets a welcome email with a link to set their password. You can also send them later from the Pending list.</span>
                </span>
              </label>
            )}
            {pending && (
              <div role="progressbar" aria-label={`Importing ${members}`} className="h-3 overflow-hidden rounded-full bg-slate-200">
                <div className="h-full w-1/3 animate-pulse rounded-full bg-blue-600" />
              </div>
            )}
            <div className="flex flex-wrap gap-3">
              <button type="submit" disabled={pending} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400">
                {pending ? `Importing ${members}…` : newPlaces ? "Create them and import" : `Import ${members}`}
              </button>
              <button type="button" onClick={onChooseAnother} disabled={pending} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100">
                Choose another file
              </button>
            </div>
          </form>
        )}
        {nobody && (
          <div>
            <button type="button" onClick={onChooseAnother} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
              Choose another file
            </button>
          </div>
        )}
      </section>
      {preview.errorCount > 0 && <ErrorList preview={preview} />}
      {preview.sample.length > 0 && <SampleRows preview={preview} />}
    </div>
  );
}

function ErrorList({ preview }: { preview: ImportPreview }) {
  return (
    <section aria-labelledby="errors-heading" className="grid gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="errors-heading" className="text-base font-semibold">
          What to fix ({formatCount(preview.errorCount)} {preview.errorCount === 1 ? "error" : "errors"})
        </h2>
        <a href={`/api/imports/${preview.jobId}/errors`} download className="text-sm font-medium text-blue-800 underline">
          Download the rows with errors
        </a>
      </div>
      <p className="text-sm text-slate-600">
        Line numbers are those of your file (line 1 holds the column names). Fix these rows in the downloaded file, which has an Errors column, and import it
        on its own{preview.errorCount > preview.errors.length ? `; the first ${formatCount(preview.errors.length)} errors are listed here` : ""}.
      </p>
      <PreviewTable
        label="Errors, scrolls"
        labelledBy="errors-heading"
        columns={["Line", "Name", "Column", "Problem"]}
        rows={preview.errors.map((e) => [
          <span key="l" className="font-mono">{e.line}</span>,
          e.name,
          <span key="c" className="whitespace-nowrap">{e.column}</span>,
          e.message,
        ])}
        tall
      />
    </section>
  );
}

function SampleRows({ preview }: { preview: ImportPreview }) {
  const portal = preview.type === "portal";
  return (
    <section aria-labelledby="sample-heading" className="grid gap-3">
      <h2 id="sample-heading" className="text-base font-semibold">
        {preview.valid > preview.sample.length ? `The first ${preview.sample.length} members to import` : "The members to import"}
      </h2>
      <PreviewTable
        label="Members to import, scrolls sideways"
        labelledBy="sample-heading"
        columns={["Extension", "Name", ...(portal ? ["Login name", "Email", "Role"] : []), "Site", "Department", "Team", "Direct number"]}
        rows={preview.sample.map((m) => [
          <span key="x" className="font-mono">{m.extension}</span>,
          `${m.first_name} ${m.last_name}`,
          ...(portal ? [m.login_name, m.primary_email, ROLE_LABELS[m.role]] : []),
          m.site,
          m.department,
          m.team ?? "No Team",
          m.direct_number,
        ])}
      />
    </section>
  );
}

/** A table of the preview in a scrollable region that the keyboard can scroll too. */
function NewPlaceNames({ term, names }: { term: string; names: string[] }) {
  return (
    <>
      <dt className="font-medium">{term}</dt>
      <dd className="break-words">{names.join(", ")}</dd>
    </>
  );
}

function PreviewTable({ label, labelledBy, columns, rows, tall = false }: { label: string; labelledBy: string; columns: string[]; rows: React.ReactNode[][]; tall?: boolean }) {
  return (
    <div className={`overflow-auto rounded-lg border border-slate-200 bg-white ${tall ? "max-h-96" : ""}`} tabIndex={0} role="region" aria-label={label}>
      <table className="w-full text-left text-sm" aria-labelledby={labelledBy}>
        <thead className="sticky top-0 border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="whitespace-nowrap px-3 py-2">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((cell, j) => (
                <td key={j} className="px-3 py-2">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
