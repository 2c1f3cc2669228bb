import { pauseWords } from "./i18n/messages";
import { en } from "./i18n/messages/en";

/**
 * Errors a user may read. Server actions map them to `{ ok: false, error, fieldErrors }` (app/_lib/action-result.ts);
 * anything else is logged and shown as a generic message, never as a stack.
 */
export class DomainError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = new.target.name;
  }
}
export class ValidationError extends DomainError {}
/** Several fields refused at once (every broken rule of a password and a PIN, say), each with its messages. */
export class InvalidFieldsError extends ValidationError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]>,
  ) {
    super(message);
  }
}
export class NotFoundError extends DomainError {}
export class ForbiddenError extends DomainError {
  constructor(message = "You don't have permission to do that.") {
    super(message);
  }
}
export class ConflictError extends DomainError {}
/** "5 minutes", in English: how long a pause lasts, for the manager-facing messages. */
export const minutesText = (seconds: number): string => pauseWords(en, seconds);

/** Messages for the database constraints a user can run into; the rest are bugs and stay generic. */
const CONSTRAINT_MESSAGES: Record<string, { message: string; field?: string }> = {
  member_org_extension_uq: { message: "This extension is already in use", field: "extension" },
  member_login_name_uq: { message: "This login name is already taken", field: "loginName" },
  organization_slug_uq: { message: "This short name is already taken by another organization", field: "slug" },
  site_org_name_uq: { message: "A site with this name already exists", field: "name" },
  team_org_name_uq: { message: "A team with this name already exists", field: "name" },
  support_staff_email_uq: { message: "A support account with this email already exists", field: "email" },
  token_one_open_invite_uq: { message: "Another invite for this member was sent at the same moment. Please try again." },
};

type PgErrorLike = { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };

/** Finds the PostgreSQL error inside what either driver (and Drizzle's wrapper) threw. */
export function pgErrorOf(error: unknown): PgErrorLike | undefined {
  for (let e = error as PgErrorLike | undefined, depth = 0; e && depth < 5; e = e.cause as PgErrorLike, depth++) {
    if (typeof e === "object" && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e;
  }
  return undefined;
}

/** A unique violation of a known constraint becomes a ConflictError naming the field; anything else is returned as is. */
export function fromConstraintViolation(error: unknown): unknown {
  const pg = pgErrorOf(error);
  const name = pg?.constraint ?? pg?.constraint_name;
  if (pg?.code === "23505" && name && CONSTRAINT_MESSAGES[name]) {
    const { message, field } = CONSTRAINT_MESSAGES[name];
    return new ConflictError(message, field);
  }
  return error;
}
