"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogCancel } from "@/components/ui/dialog";
import { Field, FieldMessages } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { useToastedAction } from "@/components/use-toasted-action";
import { formatCount } from "@/lib/members/format";
import { ROLE_LABELS } from "@/lib/members/labels";
import type { ManagerCandidate, PlaceKind, PlaceSummary, placeWords } from "@/lib/organizations/places";
import { assignManagerAction, createPlaceAction, deletePlaceAction, findManagerCandidatesAction, removeManagerAction, renamePlaceAction } from "../actions";

type Words = ReturnType<typeof placeWords>;
type Props = { kind: PlaceKind; words: Words; places: PlaceSummary[]; canManage: boolean };
type OpenDialog = { type: "rename" | "delete" | "assign"; place: PlaceSummary };

const peopleCount = (n: number) => (n === 1 ? "1 member" : `${formatCount(n)} members`);
/** "Site managers" / "Supervisors", "Add site manager" / "Add supervisor", "manage" / "supervise". */
const managerWords = (kind: PlaceKind) =>
  kind === "site"
    ? { heading: "Site managers", add: "Add site manager", verb: "manage", one: "site manager" }
    : { heading: "Supervisors", add: "Add supervisor", verb: "supervise", one: "supervisor" };

/** The list of sites (or teams) with their members and managers, and for owners and admins every act on them. */
export function PlacesManager({ kind, words, places, canManage }: Props) {
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const close = () => setOpen(null);
  const plural = `${words.word}s`;
  // Removing a manager unmounts their chip with its button: the result is handled here, and focus goes on to the
  // place's "Add …" button instead of being lost.
  const removedFrom = useRef<string | null>(null);
  const removal = useToastedAction(removeManagerAction, () => {
    if (removedFrom.current) document.getElementById(`add-manager-${removedFrom.current}`)?.focus();
  });
  const remove = { formAction: removal.formAction, pending: removal.pending, onSubmit: (placeId: string) => (removedFrom.current = placeId) };
  return (
    <>
      {canManage && <CreatePlaceForm kind={kind} word={words.word} />}
      <FormAlert message={removal.failed?.error} />
      {places.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
          {canManage
            ? `No ${plural} yet. Create the first one above; the people you create or import can then be placed on it.`
            : "You don't manage any site yet. An owner or office manager of your organization can assign sites to you."}
        </p>
      ) : (
        <ul aria-label={kind === "site" ? "Sites" : "Teams"} className="grid gap-3">
          {places.map((place) => (
            <PlaceRow key={place.id} kind={kind} place={place} canManage={canManage} remove={remove} onOpen={(type) => setOpen({ type, place })} />
          ))}
        </ul>
      )}
      {open?.type === "rename" && <RenameDialog kind={kind} place={open.place} onClose={close} />}
      {open?.type === "delete" && <DeleteDialog kind={kind} words={words} place={open.place} others={places.filter((p) => p.id !== open.place.id)} onClose={close} />}
      {open?.type === "assign" && <AssignDialog kind={kind} words={words} place={open.place} onClose={close} />}
    </>
  );
}

function CreatePlaceForm({ kind, word }: { kind: PlaceKind; word: string }) {
  const input = useRef<HTMLInputElement>(null);
  const { state, formAction, pending, failed } = useToastedAction(createPlaceAction, () => input.current?.focus());
  useEffect(() => {
    if (state?.ok === false) input.current?.focus();
  }, [state]);
  return (
    <form action={formAction} noValidate className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_auto] sm:items-start">
      <input type="hidden" name="kind" value={kind} />
      <Field ref={input} name="name" id={`new-${kind}-name`} label={`New ${word}`} placeholder={kind === "site" ? "e.g. Lakeside clinic" : "e.g. Night shift"} maxLength={100} autoComplete="off" result={failed} />
      <Button type="submit" disabled={pending} className="sm:mt-6">
        {pending ? "Creating…" : `Create ${word}`}
      </Button>
    </form>
  );
}

type Removal = { formAction: (formData: FormData) => void; pending: boolean; onSubmit: (placeId: string) => void };

function PlaceRow({ kind, place, canManage, remove, onOpen }: { kind: PlaceKind; place: PlaceSummary; canManage: boolean; remove: Removal; onOpen: (type: OpenDialog["type"]) => void }) {
  const managers = managerWords(kind);
  const headingId = `${kind}-${place.id}`;
  return (
    <li aria-labelledby={headingId} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold break-words text-slate-900">
            {place.name}
          </h2>
          <p className="text-sm text-slate-600">
            {place.memberCount === 0 ? (
              "No members yet"
            ) : (
              <Link href={`/users?${kind}=${place.id}`} className="text-blue-700 underline hover:text-blue-900">
                {peopleCount(place.memberCount)}
                <span className="sr-only"> on {place.name}</span>
              </Link>
            )}
          </p>
        </div>
        {canManage && (
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => onOpen("rename")}>
              Rename<span className="sr-only"> {place.name}</span>
            </Button>
            <Button type="button" variant="secondary" onClick={() => onOpen("delete")}>
              Delete<span className="sr-only"> {place.name}</span>
            </Button>
          </div>
        )}
      </div>
      <div>
        <h3 className="text-sm font-medium text-slate-700">{managers.heading}</h3>
        {place.managers.length === 0 ? (
          <p className="text-sm text-slate-600">None yet</p>
        ) : (
          <ul className="mt-1 flex flex-wrap gap-2">
            {place.managers.map((m) => (
              <li key={m.id} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-1 pr-1 pl-3 text-sm">
                <Link href={`/users/${m.id}`} className="text-slate-900 underline-offset-2 hover:underline">
                  {m.name}
                </Link>
                {canManage && <RemoveManager kind={kind} place={place} manager={m} remove={remove} />}
              </li>
            ))}
          </ul>
        )}
        {canManage && (
          <button type="button" id={`add-manager-${place.id}`} onClick={() => onOpen("assign")} className="mt-2 text-sm font-medium text-blue-700 underline hover:text-blue-900">
            {managers.add}
            <span className="sr-only"> to {place.name}</span>
          </button>
        )}
      </div>
    </li>
  );
}

function RemoveManager({ kind, place, manager, remove }: { kind: PlaceKind; place: PlaceSummary; manager: { id: string; name: string }; remove: Removal }) {
  const label = `Remove ${manager.name} as ${managerWords(kind).one} of ${place.name}`;
  return (
    <form action={remove.formAction} onSubmit={() => remove.onSubmit(place.id)} className="inline-flex">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="placeId" value={place.id} />
      <input type="hidden" name="memberId" value={manager.id} />
      <button
        type="submit"
        disabled={remove.pending}
        aria-label={label}
        title={label}
        className="grid size-6 place-items-center rounded-full text-slate-600 hover:bg-slate-200 hover:text-slate-900"
      >
        <span aria-hidden="true">×</span>
      </button>
    </form>
  );
}

function RenameDialog({ kind, place, onClose }: { kind: PlaceKind; place: PlaceSummary; onClose: () => void }) {
  const { formAction, pending, failed } = useToastedAction(renamePlaceAction, onClose);
  return (
    <Dialog open onOpenChange={(isOpen) => !isOpen && onClose()} title={`Rename ${place.name}`}>
      <form action={formAction} noValidate className="grid gap-4">
        <FormAlert message={failed?.error} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="placeId" value={place.id} />
        <Field name="name" id="rename-name" label="Name" defaultValue={failed?.values?.name ?? place.name} maxLength={100} autoComplete="off" result={failed} />
        <div className="flex justify-end gap-3">
          <DialogCancel />
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Rename"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ kind, words, place, others, onClose }: { kind: PlaceKind; words: Words; place: PlaceSummary; others: PlaceSummary[]; onClose: () => void }) {
  const { formAction, pending, failed } = useToastedAction(deletePlaceAction, onClose);
  const people = peopleCount(place.memberCount);
  const managerNames = place.managers.map((m) => m.name).join(", ");
  return (
    <Dialog
      open
      onOpenChange={(isOpen) => !isOpen && onClose()}
      title={`Delete ${place.name}?`}
      description={
        place.memberCount === 0
          ? `Nobody is on this ${words.word}. Deleting it can't be undone.`
          : `${people} ${place.memberCount === 1 ? "is" : "are"} on ${place.name}. Choose where they go: they move and the ${words.word} is deleted in one step.`
      }
    >
      <form action={formAction} noValidate className="grid gap-4">
        <FormAlert message={failed?.error} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="placeId" value={place.id} />
        <input type="hidden" name="expectedMembers" value={place.memberCount} />
        {place.memberCount > 0 && (
          <SelectField
            name="moveTo"
            id="delete-move-to"
            label={`Move ${people} to`}
            defaultValue=""
            result={failed}
            options={[{ value: "", label: "Choose…" }, ...others.map((o) => ({ value: o.id, label: o.name })), { value: "none", label: words.nobody }]}
          />
        )}
        {managerNames && (
          <p className="text-sm text-slate-700">
            {managerNames} will no longer {managerWords(kind).verb} it.
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-3">
          <DialogCancel />
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Deleting…" : place.memberCount === 0 ? `Delete ${words.word}` : `Move ${people} and delete`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Finds people as they are typed (debounced); an answer to an older search never replaces a newer one. */
function useCandidates(kind: PlaceKind, placeId: string, search: string) {
  const [found, setFound] = useState<{ candidates: ManagerCandidate[]; error?: string; search: string } | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const request = ++latest.current;
    const timer = setTimeout(async () => {
      const result = await findManagerCandidatesAction(kind, placeId, search);
      if (request !== latest.current) return;
      setFound(result.ok ? { candidates: result.candidates, search } : { candidates: [], error: result.error, search });
    }, 200);
    return () => clearTimeout(timer);
  }, [kind, placeId, search]);
  return found;
}

function AssignDialog({ kind, words, place, onClose }: { kind: PlaceKind; words: Words; place: PlaceSummary; onClose: () => void }) {
  const { formAction, pending, failed } = useToastedAction(assignManagerAction, onClose);
  const [search, setSearch] = useState("");
  const found = useCandidates(kind, place.id, search);
  const managers = managerWords(kind);
  const error = failed?.fieldErrors?.memberId?.[0];
  return (
    <Dialog
      open
      onOpenChange={(isOpen) => !isOpen && onClose()}
      title={`${managers.add} to ${place.name}`}
      description={`A Member you choose becomes a ${words.managerLabel}; a ${words.managerLabel} keeps what they already ${managers.verb}. People in other roles change role on their profile first.`}
    >
      <form action={formAction} noValidate className="grid gap-4">
        <FormAlert message={failed && !error ? failed.error : undefined} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="placeId" value={place.id} />
        <Field
          name="search"
          id="candidate-search"
          label="Find a person"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Name, login name or extension"
          autoComplete="off"
        />
        <fieldset aria-describedby={error ? "candidates-error" : undefined} aria-busy={found === null || found.search !== search}>
          <legend className="text-sm font-medium text-slate-800">People</legend>
          <p aria-live="polite" className="sr-only">
            {found ? (found.candidates.length === 1 ? "1 person found" : `${found.candidates.length} people found`) : ""}
          </p>
          {found === null ? (
            <p className="mt-2 text-sm text-slate-600">Looking…</p>
          ) : found.error ? (
            <p className="mt-2 text-sm text-red-700">{found.error}</p>
          ) : found.candidates.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">
              {found.search ? `Nobody matches "${found.search}". ` : ""}Only people who sign in to the portal, as a Member or a {words.managerLabel}, can be chosen.
            </p>
          ) : (
            <ul className="mt-2 grid max-h-72 gap-1 overflow-y-auto">
              {found.candidates.map((c) => (
                <li key={c.id} className="flex items-start gap-3 rounded-md px-2 py-2 hover:bg-slate-50">
                  <input type="radio" name="memberId" value={c.id} id={`candidate-${c.id}`} aria-describedby={`candidate-${c.id}-detail`} className="mt-1 size-4" />
                  <div className="min-w-0">
                    <label htmlFor={`candidate-${c.id}`} className="text-sm font-medium text-slate-900">
                      {c.name}
                    </label>
                    <p id={`candidate-${c.id}-detail`} className="text-sm break-words text-slate-600">
                      {[ROLE_LABELS[c.role], c.loginName, c.extension ? `ext. ${c.extension}` : null, c.placeName ? `on ${c.placeName}` : null].filter(Boolean).join(" · ")}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <FieldMessages id="candidates" error={error} />
        </fieldset>
        <div className="flex flex-wrap justify-end gap-3">
          <DialogCancel />
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : managers.add}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
