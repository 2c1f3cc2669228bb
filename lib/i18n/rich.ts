/**
 * Sentences with marked-up words (a button's name in bold, a link, the sender's address) stay whole sentences in the
 * catalogue, so a translation can put the marked words where its grammar wants them. The catalogue writes
 * `(m) => ["Select ", m.ui("Settings"), ", then ", m.ui("Mail"), "."]`; the page decides what each mark looks like.
 */
export type Marks<T> = {
  /** A button or menu name, as the program or the portal writes it. */
  ui: (text: string) => T;
  /** Words that matter most in the sentence. */
  strong: (text: string) => T;
  /** A quoted phrase, such as an email's subject. */
  quote: (text: string) => T;
  /** A link inside the sentence. */
  link: (href: string, text: string) => T;
  /** Something the page fills in, such as our sender address: the entry names it by key. */
  value: (key: string) => T;
};

export type RichText<T> = (string | T)[];

/** A catalogue entry with marks: called with the page's marks, it returns the sentence's parts in order. */
export type Rich = <T>(m: Marks<T>) => RichText<T>;

/** The sentence as plain text, marks reduced to their words (for a page title, a test, a plain-text fallback). */
export function plainText(entry: Rich, values: Record<string, string> = {}): string {
  const words = (text: string) => text;
  return entry<string>({ ui: words, strong: words, quote: (text) => `“${text}”`, link: (_href, text) => text, value: (key) => values[key] ?? "" }).join("");
}

/** Declares a catalogue entry with marks (it only gives the function its type). */
export const rich = (entry: Rich): Rich => entry;
