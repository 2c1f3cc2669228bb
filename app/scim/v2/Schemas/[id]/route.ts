import { ScimError } from "@/lib/scim/errors";
import { schemas } from "@/lib/scim/discovery";
import { scimRoute } from "../../_lib/scim-route";

export const dynamic = "force-dynamic";

export const GET = scimRoute(async ({ baseUrl, params }) => {
  const found = schemas(baseUrl).find((s) => s.id === decodeURIComponent(params.id!));
  if (!found) throw new ScimError(404, `No schema "${params.id}".`);
  return { status: 200, body: found };
});
