import { messagesFor } from "../i18n/messages";
import { renderEmails } from "./render-emails";
import { TEMPLATES, type RenderedEmail, type TemplateName, type TemplateProps } from "./templates";

/**
 * An email queued with its template's props instead of its rendered HTML and text: the outbox row carries the
 * subject (known at once, for the email log) and the props, and the dispatcher renders it just before the first
 * attempt (lib/email/dispatcher.ts). A bulk send of 10,000 welcome emails then writes 10,000 rows of half a kilobyte
 * in its transaction instead of 65 MB of HTML (SPEC §7: the action returns in ≤ 2 s), and the rendering happens in
 * batches of 100 that the bulk renderer serves with a couple of React renders each.
 */
export type DeferredContent = { subject: string; renderProps: Record<string, unknown> };

// Props that are dates travel as ISO strings in JSON and come back as Dates.
const DATE_PROPS = ["expiresAt", "changedAt"] as const;

// What each template can't be written without (React would render a missing prop as nothing, silently).
const BASE = ["language", "timeZone", "organizationName", "memberName", "loginName", "helpUrl"] as const;
const REQUIRED: { [T in TemplateName]: readonly (keyof TemplateProps[T])[] } = {
  welcome: [...BASE, "link", "expiresAt", "sentBy"],
  "password-reset": [...BASE, "link", "expiresAt"],
  "password-changed": [...BASE, "changedAt", "signInUrl"],
  "email-verify": [...BASE, "link", "expiresAt", "newAddress"],
  "email-changed": [...BASE, "link", "expiresAt", "maskedAddress", "state"],
};

/** The outbox content of an email to be rendered later: its subject now, its props for the dispatcher. */
export function deferredContent<T extends TemplateName>(template: T, props: TemplateProps[T]): DeferredContent {
  return { subject: messagesFor(props.language)[template].subject, renderProps: { ...props } };
}

export const isDeferred = (content: RenderedEmail | DeferredContent): content is DeferredContent => "renderProps" in content;

/**
 * Renders queued emails from their stored props, in their order, many at a time per template. An email whose props
 * can't be rendered (a template that no longer exists, a missing prop) comes back as an Error, for the dispatcher to
 * mark that email failed rather than stop the batch.
 */
export async function renderDeferred(emails: { template: string; renderProps: Record<string, unknown> }[]): Promise<(RenderedEmail | Error)[]> {
  const results: (RenderedEmail | Error)[] = new Array(emails.length);
  const byTemplate = new Map<TemplateName, number[]>();
  emails.forEach((email, i) => {
    const template = TEMPLATES.find((t) => t === email.template);
    if (!template) results[i] = new Error(`There is no "${email.template}" email any more.`);
    else byTemplate.set(template, [...(byTemplate.get(template) ?? []), i]);
  });
  for (const [template, all] of byTemplate) {
    const indexes = all.filter((i) => {
      const missing = REQUIRED[template].filter((key) => emails[i]!.renderProps[key as string] == null);
      if (missing.length) results[i] = new Error(`This email could not be written: it has no ${missing.join(", ")}.`);
      return !missing.length;
    });
    const props = indexes.map((i) => revive(emails[i]!.renderProps));
    try {
      const rendered = await renderEmails(template, props as TemplateProps[typeof template][]);
      indexes.forEach((index, k) => (results[index] = rendered[k]!));
    } catch {
      // One bad email must not hold back the others: render each on its own to find it.
      for (const [k, index] of indexes.entries()) {
        results[index] = await renderEmails(template, [props[k] as TemplateProps[typeof template]]).then(
          ([one]) => one!,
          (error: unknown) => new Error(`This email could not be written: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    }
  }
  return results;
}

function revive(props: Record<string, unknown>): Record<string, unknown> {
  const revived = { ...props };
  for (const key of DATE_PROPS) if (typeof revived[key] === "string") revived[key] = new Date(revived[key]);
  return revived;
}
