/**
 * SCIM's errors (RFC 7644 §3.12): an HTTP status, a `scimType` for the 400s and 409s that have one, and a sentence
 * for the person reading the identity provider's provisioning log.
 */
export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

export class ScimError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: ScimType,
    /** Seconds a 429 asks the client to wait. */
    readonly retryAfter?: number,
  ) {
    super(detail);
    this.name = "ScimError";
  }

  body() {
    return { schemas: [SCIM_ERROR], status: String(this.status), ...(this.scimType ? { scimType: this.scimType } : {}), detail: this.message };
  }
}

export const notFound = (what: string) => new ScimError(404, `${what} not found in this organization.`);
export const invalidValue = (detail: string) => new ScimError(400, detail, "invalidValue");
