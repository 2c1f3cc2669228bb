import { serviceProviderConfig } from "@/lib/scim/discovery";
import { scimRoute } from "../_lib/scim-route";

export const dynamic = "force-dynamic";

/** What this service provider supports (RFC 7644 §4). */
export const GET = scimRoute(async ({ baseUrl }) => ({ status: 200, body: serviceProviderConfig(baseUrl) }));
