import { randomBytes } from "node:crypto";
import { formatDirectNumber } from "@/lib/members/phone";
import { renderEmail } from "./render-email";
import type { RenderedEmail, TemplateName, TemplateProps } from "./templates";

/**
 * A prop that differs from member to member, and what the email shows of it. `safe` says which values we can write
 * into the email ourselves exactly as React and html-to-text would; any other value is rendered by renderEmail.
 */
type Slot = { safe: (shown: string) => boolean; shown?: (value: string) => string };

// Printable words (no control, format, unassigned or separator character) joined by ASCII spaces. React writes them
// escaped, html-to-text decodes them and writes each run of spaces as one. A tab, a no-break or zero-width space, or a
// leading or trailing space (which would merge with the text around it) reads differently: such a value is rendered.
// Short enough that html-to-text never reaches its limits.maxInputLength and cuts the email.
const words: Slot = { safe: (shown) => shown.length <= 1000 && /^[^\p{C}\p{Z}]+(?: +[^\p{C}\p{Z}]+)*$/u.test(shown) };
// A link's text is also its href: html-to-text hides the href when both read the same, strips "mailto:", drops "#…",
// and React blocks "javascript:". An http(s) URL of printable ASCII without spaces goes through all that unchanged.
const url: Slot = { safe: (shown) => shown.length <= 1000 && /^https?:\/\/[\x21-\x7e]+$/.test(shown) };

// Everything else (language, time zone, organization, dates, who sent it…) is the same across a bulk send, so it is
// part of the group key. Whether a slot is filled at all is part of it too: "Hi," for an empty name, no direct-number
// line without one. The template formats the direct number itself; its placeholder isn't a number and comes through as is.
const SLOTS: { [T in TemplateName]: Partial<Record<keyof TemplateProps[T], Slot>> } = {
  welcome: { memberName: words, loginName: words, link: url, directNumber: { ...words, shown: formatDirectNumber } },
  "password-reset": { memberName: words, loginName: words, link: url },
  "password-changed": { memberName: words, loginName: words },
  "email-verify": { memberName: words, loginName: words, link: url },
  "email-changed": { memberName: words, loginName: words, link: url },
};

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
// React's escapeTextForBrowser, which it uses for text and attribute values alike.
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
const collapseSpaces = (value: string) => value.replace(/ {2,}/g, " ");

type Member<T extends TemplateName> = { index: number; props: TemplateProps[T]; shown: Record<string, string> };

/**
 * Writes many emails of one template, each exactly (byte for byte) what renderEmail writes for its props, in the same
 * order. renderEmail costs ~12 ms, too slow for a bulk send of 10,000: members whose emails differ only by their
 * name, login name, link or direct number share one render with alphanumeric placeholders, and each member's values
 * are written into it. A group whose placeholders didn't come through intact, or whose first member doesn't come out
 * identical to renderEmail, is rendered member by member; so is a member with a value we can't write ourselves.
 */
export async function renderEmails<T extends TemplateName>(template: T, propsList: TemplateProps[T][]): Promise<RenderedEmail[]> {
  // Random per call, so nothing we are given (an organization name, a link) can contain a placeholder by chance.
  const nonce = randomBytes(8).toString("hex");
  const slots: Record<string, Slot | undefined> = SLOTS[template];
  const emails: RenderedEmail[] = [];
  const alone: Member<T>[] = [];
  const groups = new Map<string, { shape: TemplateProps[T]; members: Member<T>[] }>();
  for (const [index, props] of propsList.entries()) {
    const member: Member<T> = { index, props, shown: {} };
    let writable = true;
    const shape: Record<string, unknown> = { ...props };
    for (const [name, slot] of Object.entries(slots)) {
      const value: unknown = shape[name];
      if (!slot || typeof value !== "string" || value === "") continue; // empty or absent: it shapes the email
      const shown = slot.shown ? slot.shown(value) : value;
      writable &&= slot.safe(shown);
      member.shown[name] = shown;
      shape[name] = `ghslot${name}${nonce}`; // the nonce ends each placeholder: no name reads as the start of another
    }
    if (!writable) {
      alone.push(member);
      continue;
    }
    const key = keyOf(shape);
    const group = groups.get(key) ?? { shape: shape as TemplateProps[T], members: [] };
    group.members.push(member);
    groups.set(key, group);
  }
  for (const { shape, members } of groups.values()) place(members, await renderGroup(template, shape, members, nonce), emails);
  place(alone, await renderEach(template, alone), emails);
  return emails;
}

const place = (members: Member<TemplateName>[], rendered: RenderedEmail[], emails: RenderedEmail[]) =>
  rendered.forEach((email, i) => (emails[members[i]!.index] = email));

// One at a time: a bulk send that falls back must not hold thousands of React renders in memory at once.
async function renderEach<T extends TemplateName>(template: T, members: Member<T>[]): Promise<RenderedEmail[]> {
  const emails: RenderedEmail[] = [];
  for (const member of members) emails.push(await renderEmail(template, member.props));
  return emails;
}

// Same props, same email. Keys sorted (property order changes nothing), undefined left out (it reads as absent),
// dates by their ISO string.
const keyOf = (props: object) =>
  JSON.stringify(Object.entries(props).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

async function renderGroup<T extends TemplateName>(template: T, shape: TemplateProps[T], members: Member<T>[], nonce: string): Promise<RenderedEmail[]> {
  // The placeholder render and the check cost two renders: for one or two members, rendering them is no dearer.
  if (members.length < 3) return renderEach(template, members);
  const [first, ...rest] = members as [Member<T>, ...Member<T>[]];
  const [withPlaceholders, firstAsRendered] = await Promise.all([renderEmail(template, shape), renderEmail(template, first.props)]);
  const fill = fillerFor(withPlaceholders, Object.keys(first.shown), nonce);
  if (!fill || !sameEmail(fill(first.shown), firstAsRendered)) return [firstAsRendered, ...(await renderEach(template, rest))];
  return [firstAsRendered, ...rest.map((member) => fill(member.shown))];
}

/**
 * Cuts the placeholder render into fixed text and slots, or undefined when a placeholder was changed on the way (cut,
 * upper-cased like an h1 in the plain text, or dropped). The values go in by index, never through String.replace,
 * so a "$&" in a name stays as typed and no value is searched for placeholders again.
 */
function fillerFor(email: RenderedEmail, names: string[], nonce: string) {
  if (names.length === 0) return () => email;
  const placeholder = new RegExp(`ghslot(${names.join("|")})${nonce}`);
  const html = email.html.split(placeholder);
  const text = email.text.split(placeholder);
  // split puts the captured name at every odd index: the fixed text between must hold no trace of a placeholder,
  // and every slot must show up in the HTML (a value the email doesn't show might still shape it).
  const fixed = [html, text].flatMap((parts) => parts.filter((_, i) => i % 2 === 0));
  if (fixed.some((part) => part.toLowerCase().includes(nonce))) return undefined;
  if (!names.every((name) => html.some((part, i) => i % 2 === 1 && part === name))) return undefined;
  return (shown: Record<string, string>): RenderedEmail => ({
    subject: email.subject,
    html: join(html, shown, escapeHtml),
    text: join(text, shown, collapseSpaces),
  });
}

// Plain concatenation: V8 keeps the fixed parts shared until the string is read, instead of copying ~10 kB per email.
function join(parts: string[], shown: Record<string, string>, write: (value: string) => string): string {
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += write(shown[parts[i]!]!) + parts[i + 1]!;
  return out;
}

const sameEmail = (a: RenderedEmail, b: RenderedEmail) => a.subject === b.subject && a.html === b.html && a.text === b.text;
