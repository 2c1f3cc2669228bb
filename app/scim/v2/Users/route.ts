import { getDb } from "@/db";
import { createScimUser, listScimUsers } from "@/lib/scim/users";
import { scimRoute } from "../_lib/scim-route";

export const dynamic = "force-dynamic";

/** GET /scim/v2/Users (filter, startIndex, count) and POST /scim/v2/Users (RFC 7644 §3.3, §3.4.2). */
export const GET = scimRoute(async ({ url, ...request }) => ({ status: 200, body: await listScimUsers(await getDb(), request, url.searchParams) }));

export const POST = scimRoute(async ({ body, ...request }) => {
  const { user, memberId, status } = await createScimUser(request, body);
  return { status, body: user, memberId, location: user.meta.location };
});
