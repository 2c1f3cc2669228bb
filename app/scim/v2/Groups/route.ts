import { getDb } from "@/db";
import { createScimGroup, listScimGroups } from "@/lib/scim/groups";
import { scimRoute, skippedDetail } from "../_lib/scim-route";

export const dynamic = "force-dynamic";

/** GET /scim/v2/Groups (the organization's teams) and POST /scim/v2/Groups (a new team). */
export const GET = scimRoute(async ({ url, ...request }) => ({ status: 200, body: await listScimGroups(await getDb(), request, url.searchParams) }));

export const POST = scimRoute(async ({ body, ...request }) => {
  const { group, skipped } = await createScimGroup(request, body);
  return { status: 201, body: group, location: group.meta.location, detail: skippedDetail(skipped) };
});
