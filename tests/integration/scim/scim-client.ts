import * as group from "@/app/scim/v2/Groups/[id]/route";
import * as groups from "@/app/scim/v2/Groups/route";
import * as resourceType from "@/app/scim/v2/ResourceTypes/[id]/route";
import * as resourceTypes from "@/app/scim/v2/ResourceTypes/route";
import * as schema from "@/app/scim/v2/Schemas/[id]/route";
import * as schemas from "@/app/scim/v2/Schemas/route";
import * as serviceProviderConfig from "@/app/scim/v2/ServiceProviderConfig/route";
import * as user from "@/app/scim/v2/Users/[id]/route";
import * as users from "@/app/scim/v2/Users/route";
import { createDirectoryToken } from "@/lib/scim/tokens";
import type { SeededOrganization } from "@/tests/factories";

/**
 * A SCIM client for the integration tests: real Requests through the endpoints' own route handlers (token, rate,
 * JSON, errors, request log), without a server. The path is what a directory appends to …/scim/v2.
 */
type Route = { [method: string]: unknown };
const ROUTES: [RegExp, Route][] = [
  [/^\/Users$/, users],
  [/^\/Users\/(?<id>[^/]+)$/, user],
  [/^\/Groups$/, groups],
  [/^\/Groups\/(?<id>[^/]+)$/, group],
  [/^\/ServiceProviderConfig$/, serviceProviderConfig],
  [/^\/ResourceTypes$/, resourceTypes],
  [/^\/ResourceTypes\/(?<id>[^/]+)$/, resourceType],
  [/^\/Schemas$/, schemas],
  [/^\/Schemas\/(?<id>[^/]+)$/, schema],
];

export type ScimResponse = { status: number; headers: Headers; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export function scimClient(token: string | null, { userAgent = "Azure AD SCIM Client" }: { userAgent?: string } = {}) {
  return async function scim(method: string, pathAndQuery: string, body?: unknown, { raw }: { raw?: string } = {}): Promise<ScimResponse> {
    const url = new URL(`http://localhost:3000/scim/v2${pathAndQuery}`);
    const path = decodeURIComponent(url.pathname.slice("/scim/v2".length));
    const match = ROUTES.map(([pattern, route]) => ({ found: pattern.exec(path), route })).find((r) => r.found);
    if (!match) throw new Error(`no SCIM route for ${path}`);
    const handler = match.route[method] as ((request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>) | undefined;
    if (!handler) throw new Error(`${method} is not routed for ${path}`);
    const headers = new Headers({ "user-agent": userAgent, "content-type": "application/scim+json" });
    if (token) headers.set("authorization", `Bearer ${token}`);
    const request = new Request(url, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const response = await handler(request, { params: Promise.resolve({ ...match.found!.groups }) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/** A token the organization's owner made in its settings, and a client that sends it. */
export async function directoryClient(org: SeededOrganization, name = "Microsoft Entra ID", options?: { userAgent?: string }) {
  const { token, id } = await createDirectoryToken({ actor: org.actors.owner, name });
  return { token, tokenId: id, scim: scimClient(token, options) };
}
