import { render } from "@react-email/render";
import { describe, expect, it, vi } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import { renderEmail } from "@/lib/email/render-email";
import { renderEmails } from "@/lib/email/render-emails";
import type { EmailBase, TemplateName, TemplateProps } from "@/lib/email/templates";
import { emailChanged, emailVerify, passwordChanged, passwordReset, welcome } from "./template-props";

/**
 * A bulk send writes thousands of emails at once. Each must be exactly what renderEmail writes for that member, with
 * far fewer React renders than emails. React's render is counted, never timed.
 */

vi.mock("@react-email/render", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@react-email/render")>();
  return { ...actual, render: vi.fn(actual.render) };
});
const { render: realRender } = await vi.importActual<typeof import("@react-email/render")>("@react-email/render");

/** React renders made by `work` (renderEmail makes two: the HTML and the plain text). */
async function rendersDuring<R>(work: () => Promise<R>): Promise<{ result: R; renders: number }> {
  vi.mocked(render).mockClear();
  const result = await work();
  return { result, renders: vi.mocked(render).mock.calls.length };
}

// Values that are hard to write into an email: markup and quotes, accents and CJK, runs of spaces, spaces at the ends
// (they merge with the text around them), other whitespace, a name like a placeholder, String.replace's $ patterns.
const members: Partial<EmailBase>[] = [
  {},
  { memberName: `O'Brien & <Sons> "Jr"` },
  { memberName: "Zoë Søndergaard" },
  { memberName: "山田 太郎" },
  { memberName: "山田\u3000太郎" },
  { memberName: "Dana   Reyes" },
  { memberName: "" },
  { memberName: " Dana Reyes " },
  { memberName: "Dana\tReyes" },
  { memberName: "Dana\u00a0Reyes" },
  { memberName: "ghslotmemberName0123456789abcdef" },
  { memberName: "$& $1 $$ $' $`" },
  { loginName: "dana.reyes-2@acme" },
  { loginName: "&amp; 201" },
  { loginName: "201@acme " },
];
// English and Spanish members in three time zones, in one list: four audiences, each with every value above.
const audiences: Partial<EmailBase>[] = [{}, { language: "es-MX" }, { timeZone: "America/New_York" }, { language: "es", timeZone: "Asia/Tokyo" }];
const audience = audiences.flatMap((where) => members.map((member) => ({ ...where, ...member })));
const link = (path: string, i: number) => `https://portal.example.test/${path}/token-${i}_x?a=1&b='2'`;

const lists: { [T in TemplateName]: TemplateProps[T][] } = {
  welcome: [
    ...audience.map((change, i) => welcome({ ...change, link: link("set-password", i), directNumber: i % 3 ? "+14155550123" : null })),
    welcome({ directNumber: "+442079460958" }),
    welcome({ link: "mailto:dana@example.com" }),
    welcome({ link: "https://portal.example.test/set-password/with space" }),
  ],
  "password-reset": [...audience.map((change, i) => passwordReset({ ...change, link: link("reset-password", i) })), passwordReset({ sentBy: "Sam" })],
  "password-changed": audience.map((change) => passwordChanged(change)),
  "email-verify": audience.map((change, i) => emailVerify({ ...change, link: link("verify-email", i) })),
  "email-changed": audience.map((change, i) => emailChanged({ ...change, link: link("undo-email-change", i), state: i % 2 ? "changed" : "requested" })),
};

const eachOnItsOwn = <T extends TemplateName>(template: T, list: TemplateProps[T][]) => Promise.all(list.map((props) => renderEmail(template, props)));

describe("renderEmails", () => {
  for (const template of Object.keys(lists) as TemplateName[]) {
    it(`writes every ${template} email exactly as renderEmail does, in order`, async () => {
      const list = lists[template];
      const { result, renders } = await rendersDuring(() => renderEmails(template, list));
      expect(result).toStrictEqual(await eachOnItsOwn(template, list));
      // Most of these values are rendered on their own (see members), yet the groups still save renders.
      expect(renders).toBeLessThan(2 * list.length);
    }, 20_000); // some 200 React renders, checking included: room for a busy machine
  }

  it("renders each group of a 300-member welcome send once, plus one check", async () => {
    const list = Array.from({ length: 300 }, (_, i) =>
      welcome({
        memberName: i % 5 ? `Member ${i}` : "",
        loginName: `${i}@acme`,
        link: link("set-password", i),
        language: i % 2 ? "es" : "en",
        directNumber: i % 3 ? `+1415555${String(i).padStart(4, "0")}` : null,
      }),
    );
    const { result, renders } = await rendersDuring(() => renderEmails("welcome", list));
    const greetings = result.map(({ text }) => text.split("\n").find((line) => /^(Hi|Hola)\b/.test(line)));
    expect(greetings).toEqual(list.map(({ memberName, language }) => messagesFor(language).common.greeting(memberName)));
    // Groups: 2 languages × with or without a name × with or without a direct number.
    expect(renders).toBe(8 * 2 /* placeholders, first member */ * 2 /* HTML, text */);
  });

  // Templates that would break the substitution, simulated on the plain text that React Email writes.
  const breakages: [string, (text: string) => string][] = [
    ["changes a placeholder, as an h1 upper-cases its text", (text) => text.replace(/ghslot\w+/g, (placeholder) => placeholder.toUpperCase())],
    ["shows a value other than as given, say only the first name", (text) => text.replace("Dana Reyes", "Dana")],
  ];
  for (const [breakage, change] of breakages) {
    it(`renders members one by one when the template ${breakage}, and still writes each exactly`, async () => {
      vi.mocked(render).mockImplementation(async (node, options) => {
        const out = await realRender(node, options);
        return options?.plainText ? change(out) : out;
      });
      const list = Array.from({ length: 5 }, (_, i) => welcome({ loginName: `${i}@acme`, link: link("set-password", i) }));
      try {
        const { result, renders } = await rendersDuring(() => renderEmails("welcome", list));
        expect(result).toStrictEqual(await eachOnItsOwn("welcome", list));
        expect(renders).toBe((1 /* placeholders */ + list.length) * 2);
      } finally {
        vi.mocked(render).mockImplementation(realRender);
      }
    });
  }

  it("returns nothing for no members", async () => {
    const { result, renders } = await rendersDuring(() => renderEmails("welcome", []));
    expect(result).toEqual([]);
    expect(renders).toBe(0);
  });
});
