import { requestOriginFrom } from "@/app/_lib/request";
import { getDb } from "@/db";
import { getConfig } from "@/lib/config";
import { readTextUpTo } from "@/lib/http/read-body";
import { ScimError } from "@/lib/scim/errors";
import { logScimRequest } from "@/lib/scim/request-log";
import { SCIM_CONTENT_TYPE } from "@/lib/scim/schema-ids";
import { authenticateDirectoryToken } from "@/lib/scim/tokens";
import type { ScimRequest } from "@/lib/scim/request";

/**
 * The HTTP side of every SCIM endpoint (RFC 7644 §3): the bearer token (401 without a live one), the token's rate
 * (429 with Retry-After), the JSON body (400 invalidSyntax, 413 past 256 kB), SCIM error bodies, the
 * `application/scim+json` content type, and a line in the organization's request log. The endpoints themselves are
 * one call into lib/scim each.
 */

const MAX_BODY_BYTES = 256 * 1024;
/**
 * Past this a token waits: a runaway client can't take every instance's time. Above what an instance answers
 * (bench:scim: 200 to 300 requests a second on two cores), so a provisioning cycle is never slowed by it.
 */
export const SCIM_RATE = { limit: 6_000, windowSeconds: 10 };

/** What an endpoint answers; `detail` goes into the request log (what was skipped, say) but not into the answer. */
export type ScimResult = { status: number; body?: unknown; memberId?: string | null; location?: string; detail?: string };
type Handler = (context: ScimRequest & { body: unknown; params: Record<string, string>; url: URL }) => Promise<ScimResult>;

/** Below this an answer goes uncompressed (`no-transform`): gzip would cost the server more than the bytes it saves. */
const COMPRESS_FROM_BYTES = 8 * 1024;

function scimJson(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? null : JSON.stringify(body);
  const cacheControl = text && text.length >= COMPRESS_FROM_BYTES ? "no-store" : "no-store, no-transform";
  return new Response(text, { status, headers: { "Content-Type": SCIM_CONTENT_TYPE, "Cache-Control": cacheControl, ...headers } });
}

export function scimRoute(handler: Handler) {
  return async (request: Request, { params }: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const db = await getDb();
    const now = new Date();
    const authenticated = await authenticateDirectoryToken(db, request.headers.get("authorization"), SCIM_RATE, now);
    if (!authenticated) {
      const error = new ScimError(401, "Send a provisioning token of this organization as Authorization: Bearer <token>. Owners make them in Organization → Directory sync.");
      return scimJson(401, error.body(), { "WWW-Authenticate": 'Bearer realm="Gatehouse SCIM"' });
    }
    const { retryAfterSeconds, ...caller } = authenticated;
    const url = new URL(request.url);
    const baseUrl = `${getConfig().appUrl}/scim/v2`;
    // The answer stands whether or not its line could be written: a create that was committed is still a 201.
    const log = (result: { status: number; scimType?: string; detail?: string; memberId?: string | null }) =>
      logScimRequest(db, { organizationId: caller.organizationId, tokenId: caller.tokenId, method: request.method, path: url.pathname + url.search, at: now, ...result }).catch(
        (error: unknown) => console.error("SCIM request log failed", error),
      );

    if (retryAfterSeconds) {
      const error = new ScimError(429, `Too many requests with this token: try again in ${retryAfterSeconds} seconds.`, undefined, retryAfterSeconds);
      return scimJson(429, error.body(), { "Retry-After": String(retryAfterSeconds) });
    }
    try {
      const body = await bodyOf(request);
      const result = await handler({ caller, baseUrl, ...requestOriginFrom((name) => request.headers.get(name)), now, body, params: await params, url });
      await log({ status: result.status, memberId: result.memberId, detail: result.detail });
      const meta = (result.body as { meta?: { version?: string } } | undefined)?.meta;
      return scimJson(result.status, result.body, {
        ...(result.location ? { Location: result.location } : {}),
        ...(meta?.version ? { ETag: meta.version } : {}),
      });
    } catch (error) {
      if (!(error instanceof ScimError)) {
        console.error("SCIM request failed", error);
        error = new ScimError(500, "Something went wrong on Gatehouse's side; nothing was changed. Try again.");
      }
      const scim = error as ScimError;
      await log({ status: scim.status, scimType: scim.scimType, detail: scim.message });
      return scimJson(scim.status, scim.body());
    }
  };
}

async function bodyOf(request: Request): Promise<unknown> {
  if (request.method === "GET" || request.method === "DELETE") return undefined;
  const raw = await readTextUpTo(request, MAX_BODY_BYTES);
  if (raw === null) throw new ScimError(413, `The body is larger than ${MAX_BODY_BYTES / 1024} kB.`);
  try {
    return JSON.parse(raw);
  } catch {
    throw new ScimError(400, "The body is not valid JSON.", "invalidSyntax");
  }
}

/** The request log's note of group members left out because they aren't people the token manages. */
export const skippedDetail = (skipped: string[]) =>
  skipped.length ? `Skipped ${skipped.length} member${skipped.length === 1 ? "" : "s"} this token doesn't manage (not a Member of this organization): ${skipped.slice(0, 5).join(", ")}${skipped.length > 5 ? "…" : ""}` : undefined;
