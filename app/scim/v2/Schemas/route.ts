import { listOf, schemas } from "@/lib/scim/discovery";
import { scimRoute } from "../_lib/scim-route";

export const dynamic = "force-dynamic";

/** The attributes of every schema Gatehouse speaks (RFC 7644 §4), for the directories' attribute mapping screens. */
export const GET = scimRoute(async ({ baseUrl }) => ({ status: 200, body: listOf(schemas(baseUrl)) }));
