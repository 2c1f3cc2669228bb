"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailure, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { requestOrigin, type RequestOrigin } from "@/app/_lib/request";
import { requireMemberActor } from "@/app/_lib/session";
import { formatCount } from "@/lib/members/format";
import { organizationSettingsInput, updateOrganizationSettings } from "@/lib/organizations/settings";
import {
  assignManager,
  createPlace,
  deletePlace,
  managerCandidates,
  placeName,
  removeManager,
  renamePlace,
  type ManagerCandidate,
  type PlaceKind,
} from "@/lib/organizations/places";

/** "Save settings" on Organization → Settings (SPEC §2): owners only, every field checked against its bounds. */
export async function saveOrganizationSettingsAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  const parsed = organizationSettingsInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    const { changes } = await updateOrganizationSettings({ actor, input: parsed.data, ...(await requestOrigin()) });
    revalidatePath("/", "layout"); // the header shows the organization's name
    return { ok: true, message: Object.keys(changes).length ? "Organization settings saved" : "Nothing to save: the settings were already like this" };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

const kindField = z.enum(["site", "team"]);
const Kind = (kind: PlaceKind) => (kind === "site" ? "Site" : "Team");

/**
 * Organization → Sites and Teams (SPEC §4.15). The kind and ids come from the form: the domain proves each belongs to
 * the actor's organization. Names of sites and teams appear in the header's filters and every member page, so the
 * whole portal is revalidated.
 */
async function placeAct(formData: FormData, act: (kind: PlaceKind, origin: RequestOrigin) => Promise<string>): Promise<ActionResult> {
  const kind = kindField.safeParse(formData.get("kind"));
  if (!kind.success) return { ok: false, error: "Reload the page and try again." };
  return run(kind.data, formData, act);
}

/** The same for an act that names the place ("Create", "Rename"): the name is checked beside its field first. */
async function namedPlaceAct(formData: FormData, act: (kind: PlaceKind, name: string, origin: RequestOrigin) => Promise<string>): Promise<ActionResult> {
  const kind = kindField.safeParse(formData.get("kind"));
  if (!kind.success) return { ok: false, error: "Reload the page and try again." };
  const name = z.object({ name: placeName(kind.data) }).safeParse({ name: formData.get("name") ?? "" });
  if (!name.success) return invalidInput(name.error, formData);
  return run(kind.data, formData, (kind, origin) => act(kind, name.data.name, origin));
}

async function run(kind: PlaceKind, formData: FormData, act: (kind: PlaceKind, origin: RequestOrigin) => Promise<string>): Promise<ActionResult> {
  try {
    const message = await act(kind, await requestOrigin());
    revalidatePath("/", "layout");
    return { ok: true, message };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

export async function createPlaceAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  return namedPlaceAct(formData, async (kind, name, origin) => {
    const created = await createPlace({ actor, kind, name, ...origin });
    return `${Kind(kind)} "${created.name}" created`;
  });
}

export async function renamePlaceAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  return namedPlaceAct(formData, async (kind, name, origin) => {
    const renamed = await renamePlace({ actor, kind, placeId: formData.get("placeId"), name, ...origin });
    return renamed.changed ? `${Kind(kind)} renamed to "${renamed.name}"` : `Nothing to save: the ${kind} is already called "${renamed.name}"`;
  });
}

export async function deletePlaceAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  return placeAct(formData, async (kind, origin) => {
    const moveTo = formData.get("moveTo");
    const { name, moved, movedTo } = await deletePlace({
      actor,
      kind,
      placeId: formData.get("placeId"),
      moveTo: typeof moveTo === "string" ? moveTo : undefined,
      expectedMembers: Number(formData.get("expectedMembers")),
      ...origin,
    });
    if (moved === 0) return `${Kind(kind)} "${name}" deleted`;
    const people = moved === 1 ? "1 member" : `${formatCount(moved)} members`;
    return `${Kind(kind)} "${name}" deleted; ${people} moved to ${movedTo ? `"${movedTo.name}"` : kind === "site" ? "No site" : "No Team"}`;
  });
}

const managesWord = (kind: PlaceKind) => (kind === "site" ? "manages" : "supervises");

export async function assignManagerAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  if (!formData.get("memberId")) return { ok: false, error: "Choose a person from the list.", fieldErrors: { memberId: ["Choose a person from the list"] } };
  return placeAct(formData, async (kind, origin) => {
    const { memberName, placeName } = await assignManager({ actor, kind, placeId: formData.get("placeId"), memberId: formData.get("memberId"), ...origin });
    return `${memberName} now ${managesWord(kind)} ${placeName}`;
  });
}

export async function removeManagerAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  return placeAct(formData, async (kind, origin) => {
    const { memberName, placeName } = await removeManager({ actor, kind, placeId: formData.get("placeId"), memberId: formData.get("memberId"), ...origin });
    return `${memberName} no longer ${managesWord(kind)} ${placeName}`;
  });
}

/** The search of "Add site manager" / "Add supervisor", as the person types. */
export async function findManagerCandidatesAction(kind: unknown, placeId: unknown, search: unknown): Promise<ActionResult<{ candidates: ManagerCandidate[] }>> {
  const actor = await requireMemberActor();
  const parsed = z.object({ kind: kindField, search: z.string().max(100).catch("") }).safeParse({ kind, search });
  if (!parsed.success) return { ok: false, error: "Reload the page and try again." };
  try {
    return { ok: true, message: "", candidates: await managerCandidates({ actor, kind: parsed.data.kind, placeId, search: parsed.data.search }) };
  } catch (error) {
    return actionFailure(error, new FormData());
  }
}
