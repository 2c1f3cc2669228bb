import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import { renderEmail } from "@/lib/email/render-email";
import { emailChanged, emailVerify, passwordChanged, passwordReset, welcome } from "./template-props";

/**
 * The four emails of SPEC §5, rendered as the dispatcher renders them, in English and Spanish. Each test reads what a
 * recipient would see: the subject, the words, the links in the HTML and the plain-text part, dates in their zone.
 */

/** Where the <a> whose content includes `label` points (the Button wraps its label in spans). */
function hrefOf(html: string, label: string): string | undefined {
  for (const [, href, content] of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)) {
    if (content?.includes(label)) return href;
  }
  return undefined;
}

const langOf = (html: string) => /<html\b[^>]*\blang="([^"]*)"/.exec(html)?.[1];

describe("welcome email (SPEC §5)", () => {
  it("tells an English-speaking member everything they need to start", async () => {
    const props = welcome({ language: "en-GB" });
    const { subject, html, text } = await renderEmail("welcome", props);

    expect(subject).toBe("Your account has been created!");
    expect(langOf(html)).toBe("en");
    for (const part of [html, text]) {
      expect(part).toContain("Hi Dana Reyes,");
      expect(part).toContain("Acme Dental");
      expect(part).toContain("Login name: ");
      expect(part).toContain("201@acme");
      expect(part).toContain("+1 415 555 0123");
      expect(part).toContain(props.link);
      expect(part).toMatch(/until Tuesday,? 1 December 2026 at 14:00 (CET|GMT\+1)\./);
      expect(part).toContain("Sent by Sam Okafor (Office Manager).");
      expect(part).toContain(props.helpUrl);
    }
    expect(hrefOf(html, "Set your password")).toBe(props.link);
    expect(hrefOf(html, "Get help signing in")).toBe(props.helpUrl);
    expect(text).toContain(`Set your password ${props.link}`);
  });

  it("tells a Spanish-speaking member the same, in Spanish", async () => {
    const props = welcome({ language: "es-MX", timeZone: "America/New_York" });
    const { subject, html, text } = await renderEmail("welcome", props);

    expect(subject).toBe("¡Se ha creado tu cuenta!");
    expect(langOf(html)).toBe("es");
    for (const part of [html, text]) {
      expect(part).toContain("Hola, Dana Reyes:");
      expect(part).toContain("Se ha creado una cuenta para ti en Acme Dental.");
      expect(part).toContain("Nombre de usuario: ");
      expect(part).toContain("Tu número directo: ");
      expect(part).toContain("+1 415 555 0123");
      expect(part).toContain(props.link);
      expect(part).toMatch(/hasta el martes, 1 de diciembre de 2026, 8:00\s?a\.\s?m\. (EST|GMT-5)\./);
      expect(part).toContain("Enviado por Sam Okafor (Office Manager).");
      expect(part).toContain(props.helpUrl);
    }
    expect(hrefOf(html, "Elige tu contraseña")).toBe(props.link);
    expect(hrefOf(html, "Obtener ayuda para iniciar sesión")).toBe(props.helpUrl);
  });

  it("shows the expiry in the member's own time zone, with the zone named", async () => {
    const newYork = await renderEmail("welcome", welcome({ language: "en", timeZone: "America/New_York" }));
    expect(newYork.text).toMatch(/until Tuesday, December 1, 2026 at 8:00\sAM EST\./);

    const auckland = await renderEmail("welcome", welcome({ language: "en", timeZone: "Pacific/Auckland" }));
    expect(auckland.text).toMatch(/until Wednesday, December 2, 2026 at 2:00\sAM (GMT\+13|NZDT)\./);
  });

  it("leaves out the direct number when none routes to the member", async () => {
    const { html, text } = await renderEmail("welcome", welcome({ directNumber: null }));
    for (const part of [html, text]) {
      expect(part).not.toContain("direct number");
      expect(part).toContain("201@acme");
    }
  });

  it("still greets a member whose name was cleared", async () => {
    const english = await renderEmail("welcome", welcome({ memberName: "" }));
    expect(english.text).toMatch(/^Hi,$/m);
    const spanish = await renderEmail("welcome", welcome({ memberName: "", language: "es" }));
    expect(spanish.text).toMatch(/^Hola:$/m);
  });

  it("shows a name with markup in it as text, never as a tag", async () => {
    const { html, text } = await renderEmail("welcome", welcome({ memberName: "<script>alert(1)</script>", sentBy: "<b>Sam</b>" }));
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("Hi &lt;script&gt;alert(1)&lt;/script&gt;,");
    expect(text).toContain("Hi <script>alert(1)</script>,"); // the plain-text part is not HTML: shown as typed
  });

  it("falls back to English for a language without a catalogue, or a malformed one", async () => {
    for (const language of ["fr-FR", "en-!!", "", "constructor"]) {
      const { subject, html, text } = await renderEmail("welcome", welcome({ language }));
      expect(subject, language).toBe("Your account has been created!");
      expect(langOf(html), language).toBe("en");
      expect(text, language).toMatch(/until Tuesday, December 1, 2026 at 2:00\sPM (GMT\+1|CET)\./); // not a French date
    }
  });

  it("shows the time in UTC, saying so, when the member's time zone is unknown", async () => {
    const { text } = await renderEmail("welcome", welcome({ timeZone: "Mars/Olympus_Mons" }));
    expect(text).toMatch(/until Tuesday, December 1, 2026 at 1:00\sPM UTC\./);
  });
});

describe("password reset email (SPEC §4.8)", () => {
  it("gives the reset link, its expiry, and says to ignore it if unasked", async () => {
    const props = passwordReset({ language: "en-GB" });
    const { subject, html, text } = await renderEmail("password-reset", props);

    expect(subject).toBe("Reset your password");
    expect(langOf(html)).toBe("en");
    for (const part of [html, text]) {
      expect(part).toContain("Hi Dana Reyes,");
      expect(part).toContain("your Acme Dental account");
      expect(part).toContain("201@acme");
      expect(part).toContain(props.link);
      expect(part).toMatch(/until Tuesday,? 1 December 2026 at 14:00 (CET|GMT\+1)\./);
      expect(part).toContain("If you did not ask for this, ignore this email");
      expect(part).not.toContain("requested by");
      expect(part).toContain(props.helpUrl);
    }
    expect(hrefOf(html, "Reset your password")).toBe(props.link);
  });

  it("says who asked for the reset when a manager sent it", async () => {
    const { html, text } = await renderEmail("password-reset", passwordReset({ sentBy: "Sam Okafor (Office Manager)" }));
    for (const part of [html, text]) expect(part).toContain("The reset was requested by Sam Okafor (Office Manager).");
  });

  it("reads the same in Spanish", async () => {
    const props = passwordReset({ language: "es", sentBy: "Sam Okafor (Office Manager)" });
    const { subject, html, text } = await renderEmail("password-reset", props);

    expect(subject).toBe("Restablece tu contraseña");
    expect(langOf(html)).toBe("es");
    for (const part of [html, text]) {
      expect(part).toContain("Hola, Dana Reyes:");
      expect(part).toContain("Lo ha pedido Sam Okafor (Office Manager).");
      expect(part).toContain(props.link);
      expect(part).toMatch(/hasta el martes, 1 de diciembre de 2026, 14:00 (CET|GMT\+1)\./);
      expect(part).toContain("Si no lo has pedido tú, ignora este correo");
      expect(part).toContain(props.helpUrl);
    }
    expect(hrefOf(html, "Restablecer la contraseña")).toBe(props.link);
  });
});

describe("password changed email (SPEC §4.8)", () => {
  it("says when the password changed, links to sign-in, and who to tell if it wasn't them", async () => {
    const props = passwordChanged({ language: "en", timeZone: "America/New_York" });
    const { subject, html, text } = await renderEmail("password-changed", props);

    expect(subject).toBe("Your password was changed");
    expect(langOf(html)).toBe("en");
    for (const part of [html, text]) {
      expect(part).toContain("Hi Dana Reyes,");
      expect(part).toMatch(/The password of your Acme Dental account was changed on Tuesday, December 1, 2026 at 8:00\sAM EST\./);
      expect(part).toContain("201@acme");
      expect(part).toContain(props.signInUrl);
      expect(part).toContain("contact your manager straight away."); // "wasn't" is "wasn&#x27;t" in the HTML
      expect(part).toContain(props.helpUrl);
    }
    expect(text).toContain("If this wasn't you, contact your manager straight away.");
    expect(hrefOf(html, "Sign in to Acme Dental")).toBe(props.signInUrl);
  });

  it("reads the same in Spanish", async () => {
    const props = passwordChanged({ language: "es" });
    const { subject, html, text } = await renderEmail("password-changed", props);

    expect(subject).toBe("Se ha cambiado tu contraseña");
    expect(langOf(html)).toBe("es");
    for (const part of [html, text]) {
      expect(part).toMatch(/se cambió el martes, 1 de diciembre de 2026, 14:00 (CET|GMT\+1)\./);
      expect(part).toContain("Si no has sido tú, avisa a tu responsable");
      expect(part).toContain(props.signInUrl);
    }
    expect(hrefOf(html, "Iniciar sesión en Acme Dental")).toBe(props.signInUrl);
  });
});

describe("email verification email (SPEC §4.9)", () => {
  it("asks to confirm the new address with a button, the raw link and its expiry", async () => {
    const props = emailVerify({ language: "en-GB" });
    const { subject, html, text } = await renderEmail("email-verify", props);

    expect(subject).toBe("Confirm your new email address");
    expect(langOf(html)).toBe("en");
    for (const part of [html, text]) {
      expect(part).toContain("Hi Dana Reyes,");
      expect(part).toContain("dana.reyes@example.com");
      expect(part).toContain("your Acme Dental account");
      expect(part).toContain("201@acme");
      expect(part).toContain(props.link);
      expect(part).toMatch(/until Tuesday,? 1 December 2026 at 14:00 (CET|GMT\+1)\./);
      expect(part).toContain("your account keeps its current address");
      expect(part).toContain(props.helpUrl);
    }
    expect(hrefOf(html, "Confirm email address")).toBe(props.link);
  });

  it("reads the same in Spanish", async () => {
    const props = emailVerify({ language: "es" });
    const { subject, html, text } = await renderEmail("email-verify", props);

    expect(subject).toBe("Confirma tu nueva dirección de correo");
    expect(langOf(html)).toBe("es");
    for (const part of [html, text]) {
      expect(part).toContain("Confirma que quieres usar dana.reyes@example.com");
      expect(part).toContain(props.link);
      expect(part).toMatch(/hasta el martes, 1 de diciembre de 2026, 14:00 (CET|GMT\+1)\./);
    }
    expect(hrefOf(html, "Confirmar la dirección")).toBe(props.link);
  });
});

describe("email change notice (SPEC §4.9)", () => {
  it("tells the old address which masked address asked to replace it, with a 'This wasn't me' button", async () => {
    const props = emailChanged();
    const { subject, html, text } = await renderEmail("email-changed", props);

    expect(subject).toBe("A change to your email address");
    for (const part of [html, text]) {
      expect(part).toContain("Hi Dana Reyes,");
      expect(part).toContain("Someone asked to change the email address of your Acme Dental account to d•••@example.com.");
      expect(part).toContain("201@acme");
      expect(part).toMatch(/If it wasn(&#x27;|')t you, undo it now/);
      expect(part).toContain(props.link);
      expect(part).toMatch(/until Tuesday,? December 1, 2026(,| at) 2:00\sPM (CET|GMT\+1)\./);
    }
    expect(hrefOf(html, "This wasn&#x27;t me")).toBe(props.link); // React writes the apostrophe as an entity
  });

  it("says a change made at once was made, and reads the same in Spanish", async () => {
    const english = await renderEmail("email-changed", emailChanged({ state: "changed" }));
    expect(english.text).toContain("The email address of your Acme Dental account was changed to d•••@example.com.");
    const props = emailChanged({ language: "es" });
    const { subject, html, text } = await renderEmail("email-changed", props);
    expect(subject).toBe("Un cambio en tu dirección de correo");
    expect(langOf(html)).toBe("es");
    expect(text).toContain("Alguien ha pedido cambiar la dirección de correo de tu cuenta de Acme Dental a d•••@example.com.");
    expect(hrefOf(html, "No he sido yo")).toBe(props.link);
  });
});

describe("messagesFor", () => {
  it("picks the catalogue by the language's primary subtag, and English for anything else", () => {
    expect(messagesFor("es").language).toBe("es");
    expect(messagesFor("es-MX").language).toBe("es");
    expect(messagesFor("ES_es").language).toBe("es");
    for (const language of ["en", "en-US", "fr", "", "constructor", "__proto__"]) expect(messagesFor(language).language, language).toBe("en");
  });
});
