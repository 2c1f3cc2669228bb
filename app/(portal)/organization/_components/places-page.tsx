import { notFound } from "next/navigation";
import { requireMemberActor } from "@/app/_lib/session";
import { listPlaces, placeWords, type PlaceKind } from "@/lib/organizations/places";
import { canInOrganization } from "@/lib/permissions";
import { PlacesManager } from "./places-manager";

const INTRO = {
  site: "The offices your people work at. Each member belongs to one site; Site Managers see and manage the people of the sites they manage.",
  team: "The groups your people work in, such as a call-center shift. Each member belongs to one team; Call Center Supervisors see the people of their teams as their Agents.",
} as const;

/** Organization → Sites or Teams (SPEC §4.15): owners and admins manage them; a site manager sees their own sites. */
export async function PlacesPage({ kind }: { kind: PlaceKind }) {
  const actor = await requireMemberActor();
  if (!canInOrganization(actor, kind === "site" ? "organization.viewSites" : "organization.viewTeams", actor.organizationId)) notFound();
  const places = await listPlaces({ actor, kind });
  const canManage = canInOrganization(actor, "organization.managePlaces", actor.organizationId);
  return (
    <div className="grid max-w-4xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{kind === "site" ? "Sites" : "Teams"}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {canManage ? INTRO[kind] : "The sites you manage. Only an owner or office manager can create, rename or delete sites, or change who manages them."}
        </p>
      </div>
      <PlacesManager kind={kind} words={placeWords(kind)} places={places} canManage={canManage} />
    </div>
  );
}
