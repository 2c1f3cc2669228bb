"use client";

import { useState } from "react";

/** "Copy": puts the text on the clipboard and says so, to the eye and to a screen reader. */
export function CopyButton({ text, label = "Copy", what }: { text: string; label?: string; what?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          await navigator.clipboard.writeText(text);
          setCopied(true);
        }}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
      >
        {copied ? "Copied" : label}
        {what && <span className="sr-only"> {what}</span>}
      </button>
      <span role="status" className="sr-only">
        {copied ? `${what ?? "It"} is on the clipboard.` : ""}
      </span>
    </>
  );
}
