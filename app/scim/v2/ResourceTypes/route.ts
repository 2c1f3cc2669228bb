import { listOf, resourceTypes } from "@/lib/scim/discovery";
import { scimRoute } from "../_lib/scim-route";

export const dynamic = "force-dynamic";

/** Users and Groups (RFC 7644 §4). */
export const GET = scimRoute(async ({ baseUrl }) => ({ status: 200, body: listOf(resourceTypes(baseUrl)) }));
