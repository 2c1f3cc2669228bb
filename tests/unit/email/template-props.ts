import type { EmailBase, TemplateProps } from "@/lib/email/templates";

// Props for each template as the dispatcher passes them, for the email tests: a change overrides any of them.
export const base: EmailBase = {
  language: "en",
  timeZone: "Europe/Berlin",
  organizationName: "Acme Dental",
  memberName: "Dana Reyes",
  loginName: "201@acme",
  helpUrl: "https://portal.example.test/help",
};
// 14:00 in Berlin, 8:00 in New York, already 2 December in Auckland.
export const expiresAt = new Date("2026-12-01T13:00:00Z");

export const welcome = (change: Partial<TemplateProps["welcome"]> = {}): TemplateProps["welcome"] => ({
  ...base,
  link: "https://portal.example.test/set-password/Zm9vYmFyYmF6-_qux0123456789",
  expiresAt,
  directNumber: "+14155550123",
  sentBy: "Sam Okafor (Office Manager)",
  ...change,
});
export const passwordReset = (change: Partial<TemplateProps["password-reset"]> = {}): TemplateProps["password-reset"] => ({
  ...base,
  link: "https://portal.example.test/reset-password/cmVzZXR0b2tlbg-_0123456789",
  expiresAt,
  sentBy: null,
  ...change,
});
export const passwordChanged = (change: Partial<TemplateProps["password-changed"]> = {}): TemplateProps["password-changed"] => ({
  ...base,
  changedAt: expiresAt,
  signInUrl: "https://portal.example.test/sign-in",
  ...change,
});
export const emailChanged = (change: Partial<TemplateProps["email-changed"]> = {}): TemplateProps["email-changed"] => ({
  ...base,
  link: "https://portal.example.test/undo-email-change/dW5kb3Rva2Vu-_0123456789",
  expiresAt,
  maskedAddress: "d•••@example.com",
  state: "requested",
  ...change,
});
export const emailVerify = (change: Partial<TemplateProps["email-verify"]> = {}): TemplateProps["email-verify"] => ({
  ...base,
  link: "https://portal.example.test/verify-email/dmVyaWZ5dG9rZW4-_0123456789",
  expiresAt,
  newAddress: "dana.reyes@example.com",
  ...change,
});
