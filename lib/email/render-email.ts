import { createElement, type ReactElement } from "react";
import { render } from "@react-email/render";
import EmailChangedEmail from "@/emails/email-changed";
import EmailVerifyEmail from "@/emails/email-verify";
import PasswordChangedEmail from "@/emails/password-changed";
import PasswordResetEmail from "@/emails/password-reset";
import WelcomeEmail from "@/emails/welcome";
import { messagesFor, type EmailMessages } from "../i18n/messages";
import type { RenderedEmail, TemplateName, TemplateProps } from "./templates";

// One builder per template, each with its own concrete props: TypeScript can't check createElement on a generic T.
const EMAIL_ELEMENTS: { [T in TemplateName]: (props: TemplateProps[T] & { messages: EmailMessages }) => ReactElement } = {
  welcome: (props) => createElement(WelcomeEmail, props),
  "password-reset": (props) => createElement(PasswordResetEmail, props),
  "password-changed": (props) => createElement(PasswordChangedEmail, props),
  "email-verify": (props) => createElement(EmailVerifyEmail, props),
  "email-changed": (props) => createElement(EmailChangedEmail, props),
};

/**
 * Writes one email in the member's language (English when there is no catalogue for it): the subject, the HTML part
 * and the plain-text part that text-only clients and spam filters look for (SPEC §5). Plain Node, no Next.js: server
 * actions, the dispatcher, scripts and tests all call it.
 */
export async function renderEmail<T extends TemplateName>(template: T, props: TemplateProps[T]): Promise<RenderedEmail> {
  const messages = messagesFor(props.language);
  const email = EMAIL_ELEMENTS[template]({ ...props, messages });
  const [html, text] = await Promise.all([render(email), render(email, { plainText: true })]);
  return { subject: messages[template].subject, html, text };
}
