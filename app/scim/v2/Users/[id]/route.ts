import { getDb } from "@/db";
import { deleteScimUser, getScimUser, patchScimUser, replaceScimUser } from "@/lib/scim/users";
import { scimRoute } from "../../_lib/scim-route";

export const dynamic = "force-dynamic";

/** One user: GET, PUT (Okta), PATCH (Entra), DELETE (disables, never deletes). RFC 7644 §3.4.1, §3.5, §3.6. */
export const GET = scimRoute(async ({ params, ...request }) => {
  const user = await getScimUser(await getDb(), request, params.id!);
  return { status: 200, body: user, memberId: user.id };
});

export const PUT = scimRoute(async ({ params, body, ...request }) => {
  const { user, memberId } = await replaceScimUser(request, params.id!, body);
  return { status: 200, body: user, memberId };
});

export const PATCH = scimRoute(async ({ params, body, ...request }) => {
  const { user, memberId } = await patchScimUser(request, params.id!, body);
  return { status: 200, body: user, memberId };
});

export const DELETE = scimRoute(async ({ params, ...request }) => {
  const { memberId } = await deleteScimUser(request, params.id!);
  return { status: 204, memberId };
});
