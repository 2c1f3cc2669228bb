/**
 * The emails Gatehouse sends (SPEC §5) and what each needs to be written. The templates live in emails/ (React
 * Email); lib/email/render-email.ts turns one of these into a subject, an HTML part and a plain-text part.
 */
export const TEMPLATES = ["welcome", "password-reset", "password-changed", "email-verify", "email-changed"] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/** What every email carries: who it is for, from which organization, in which language and time zone. */
export type EmailBase = {
  /** BCP 47 language of the member (falls back to the organization's, then English). */
  language: string;
  /** IANA time zone used for dates in the email (member's, else the organization's). */
  timeZone: string;
  organizationName: string;
  /** "Dana Reyes" — the member's name as they will be greeted. May be empty after "Reset user completely". */
  memberName: string;
  loginName: string;
  /** Absolute URL of the public "Didn't get the email?" help page (SPEC §4.12). */
  helpUrl: string;
};

export type TemplateProps = {
  welcome: EmailBase & {
    /** The set-password link (absolute URL carrying the raw token). */
    link: string;
    expiresAt: Date;
    /** E.164 direct number when one routes to the member, else null. */
    directNumber: string | null;
    /** Who sent it: "Dana Reyes (Office Manager)", or the organization's name when the system sent it. */
    sentBy: string;
  };
  "password-reset": EmailBase & { link: string; expiresAt: Date; sentBy: string | null };
  "password-changed": EmailBase & { changedAt: Date; signInUrl: string };
  "email-verify": EmailBase & { link: string; expiresAt: Date; newAddress: string };
  /**
   * To the old address when the primary email changes in My Account: the new address masked ("d•••@example.com"),
   * whether the change waits for its link or is made, and the "This wasn't me" link.
   */
  "email-changed": EmailBase & { link: string; expiresAt: Date; maskedAddress: string; state: "requested" | "changed" };
};

export type RenderedEmail = { subject: string; html: string; text: string };
