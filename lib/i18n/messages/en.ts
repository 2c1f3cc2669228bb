import { enPages } from "./en-pages";

/**
 * The words of every email in English. With the pages' words (en-pages.ts) this is the reference catalogue: its shape
 * is `Messages`, and every other language must fill the same shape, so a missing sentence is a type error rather than
 * a blank in someone's inbox or on their screen. Values that depend on the email are functions of strings already
 * formatted by the template (dates, phone numbers).
 */
const enEmails = {
  /** The language the catalogue is written in: `<html lang>`, and the date locale when the member's own doesn't match. */
  language: "en",
  common: {
    /** memberName is empty after "Reset user completely" (SPEC §4.10). */
    greeting: (name: string) => (name ? `Hi ${name},` : "Hi,"),
    loginNameLabel: "Login name",
    copyLink: "If the button doesn't work, copy this link into your browser:",
    // Links are single use (SPEC §6); an expired one leads to a page offering a new link (SPEC §4.7).
    linkExpires: (when: string) => `This link works once, until ${when}.`,
    helpQuestion: "Didn't get an email, or having trouble with a link?",
    helpLink: "Get help signing in",
    footer: (organization: string) => `You are receiving this email because you have an account with ${organization}.`,
  },
  welcome: {
    subject: "Your account has been created!",
    preview: (organization: string) => `${organization} created your account. Set your password to start.`,
    heading: (organization: string) => `Welcome to ${organization}`,
    intro: (organization: string) => `An account has been created for you at ${organization}.`,
    directNumberLabel: "Your direct number",
    button: "Set your password",
    sentBy: (who: string) => `Sent by ${who}.`,
  },
  "password-reset": {
    subject: "Reset your password",
    preview: (organization: string) => `Reset the password of your ${organization} account.`,
    heading: "Reset your password",
    intro: (organization: string) => `Someone asked to reset the password of your ${organization} account.`,
    requestedBy: (who: string) => `The reset was requested by ${who}.`,
    button: "Reset your password",
    notYou: "If you did not ask for this, ignore this email: your password stays the same.",
  },
  "password-changed": {
    subject: "Your password was changed",
    preview: (organization: string) => `The password of your ${organization} account was changed.`,
    heading: "Your password was changed",
    changedAt: (organization: string, when: string) => `The password of your ${organization} account was changed on ${when}.`,
    // SPEC §6: a password change or reset ends every other session.
    otherSessions: "For your safety, you have been signed out everywhere else.",
    signIn: (organization: string) => `Sign in to ${organization}`,
    notYou: "If this wasn't you, contact your manager straight away.",
  },
  "email-verify": {
    subject: "Confirm your new email address",
    preview: (address: string) => `Confirm ${address} as your email address.`,
    heading: "Confirm your new email address",
    intro: (organization: string, address: string) =>
      `Please confirm that ${address} is the email address you want to use for your ${organization} account.`,
    button: "Confirm email address",
    notYou: "If you did not ask for this, ignore this email: your account keeps its current address.",
  },
  "email-changed": {
    subject: "A change to your email address",
    preview: (organization: string) => `The email address of your ${organization} account is changing.`,
    heading: "A change to your email address",
    requested: (organization: string, masked: string) =>
      `Someone asked to change the email address of your ${organization} account to ${masked}. The change is made once the link we sent to that address is opened.`,
    changed: (organization: string, masked: string) => `The email address of your ${organization} account was changed to ${masked}.`,
    ifYou: "If this was you, there is nothing to do.",
    notYou: "If it wasn't you, undo it now: this address stays your email address, and everyone signed in to your account is signed out.",
    button: "This wasn't me",
  },
};

export const en = { ...enEmails, ...enPages };

export type Messages = typeof en;
/** The emails read the same catalogue. */
export type EmailMessages = Messages;
