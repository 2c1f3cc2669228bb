import Link from "next/link";
import { createElement, Fragment, type ReactNode } from "react";
import type { Marks, Rich } from "@/lib/i18n/rich";

/** A button or menu name, as the program or the portal writes it. */
export function Ui({ children }: { children: ReactNode }) {
  return <b className="font-semibold text-slate-900">{children}</b>;
}

/**
 * A catalogue sentence with marked words (lib/i18n/rich.ts), drawn the portal's way: names of buttons in bold,
 * links underlined, and each `value` the page fills in (our sender address, say) from `values`.
 */
export function RichText({ entry, values = {} }: { entry: Rich; values?: Record<string, ReactNode> }) {
  let key = 0;
  const marks: Marks<ReactNode> = {
    ui: (text) => <Ui key={key++}>{text}</Ui>,
    strong: (text) => <strong key={key++}>{text}</strong>,
    quote: (text) => <b key={key++} className="font-semibold text-slate-900">&ldquo;{text}&rdquo;</b>,
    link: (href, text) => (
      <Link key={key++} href={href} className="font-medium text-blue-800 underline underline-offset-2 hover:text-blue-900">
        {text}
      </Link>
    ),
    value: (name) => <Fragment key={key++}>{values[name]}</Fragment>,
  };
  return createElement(Fragment, null, ...entry(marks));
}
