import { getDb } from "@/db";
import { deleteScimGroup, getScimGroup, patchScimGroup, replaceScimGroup } from "@/lib/scim/groups";
import { scimRoute, skippedDetail } from "../../_lib/scim-route";

export const dynamic = "force-dynamic";

/** One team: GET, PUT, PATCH (members in and out, a new name), DELETE (its people stay, in no team). */
export const GET = scimRoute(async ({ params, url, ...request }) => ({ status: 200, body: await getScimGroup(await getDb(), request, params.id!, url.searchParams) }));

export const PUT = scimRoute(async ({ params, body, ...request }) => {
  const { group, skipped } = await replaceScimGroup(request, params.id!, body);
  return { status: 200, body: group, detail: skippedDetail(skipped) };
});

export const PATCH = scimRoute(async ({ params, body, ...request }) => {
  const { group, skipped } = await patchScimGroup(request, params.id!, body);
  return { status: 200, body: group, detail: skippedDetail(skipped) };
});

export const DELETE = scimRoute(async ({ params, ...request }) => {
  await deleteScimGroup(request, params.id!);
  return { status: 204 };
});
