import { and, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "@/db";
import { member, site, team } from "@/db/schema";
import type { MemberActor } from "../actor";
import { grantableRoles } from "../permissions";
import { placeableSites } from "../members/placement";
import { ROLE_LABELS } from "../members/labels";
import { COLUMNS, type ImportType } from "./columns";

/**
 * "Download sample file" (SPEC §4.5, seed 004): the columns of the user type and two example rows that would import
 * cleanly for this manager: extensions nobody uses yet, their own sites and teams, a role they may give.
 */
export async function sampleFile(db: Executor, actor: MemberActor, type: ImportType): Promise<{ header: string[]; rows: string[][]; fileName: string }> {
  const [sites, teams, used] = await Promise.all([
    db.select({ id: site.id, name: site.name }).from(site).where(eq(site.organizationId, actor.organizationId)).orderBy(site.name),
    db.select({ name: team.name }).from(team).where(eq(team.organizationId, actor.organizationId)).orderBy(team.name),
    db.select({ extension: member.extension }).from(member).where(and(eq(member.organizationId, actor.organizationId), isNotNull(member.extension))),
  ]);
  const inUse = new Set(used.map((u) => u.extension));
  const free: string[] = [];
  for (let n = 9001; free.length < 2; n++) if (!inUse.has(String(n))) free.push(String(n));
  const mySites = placeableSites(actor, sites);
  const role = grantableRoles(actor).includes("member") ? ROLE_LABELS.member : "";
  const examples = [
    { firstName: "Dana", lastName: "Reyes", email: "dana.reyes@example.com", extension: free[0]!, role, site: mySites[0]?.name ?? "", department: "Reception", team: teams[0]?.name ?? "No Team", directNumber: "+1 415 555 0123" },
    { firstName: "José", lastName: "Núñez", email: "jose.nunez@example.com", extension: free[1]!, role, site: mySites.at(-1)?.name ?? "", department: "Billing", team: "No Team", directNumber: "" },
  ];
  const columns = COLUMNS[type];
  return {
    header: columns.map((c) => c.header),
    rows: examples.map((e) => columns.map((c) => e[c.key])),
    fileName: type === "portal" ? "gatehouse-import-portal-access.csv" : "gatehouse-import-no-portal-access.csv",
  };
}
