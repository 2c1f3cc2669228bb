import { ScimError } from "@/lib/scim/errors";
import { resourceTypes } from "@/lib/scim/discovery";
import { scimRoute } from "../../_lib/scim-route";

export const dynamic = "force-dynamic";

export const GET = scimRoute(async ({ baseUrl, params }) => {
  const found = resourceTypes(baseUrl).find((t) => t.id === params.id);
  if (!found) throw new ScimError(404, `No resource type "${params.id}": there are User and Group.`);
  return { status: 200, body: found };
});
