"use client";

import { useEffect, useState } from "react";
import type { PasswordContext } from "@/lib/password-rules";

type Verdict = { score: 0 | 1 | 2 | 3 | 4; problem: string | null };
type Rules = typeof import("@/lib/password-rules");

const LABELS = ["Very weak", "Weak", "Fair", "Good", "Strong"] as const;
const COLORS = ["bg-red-600", "bg-red-600", "bg-amber-500", "bg-green-600", "bg-green-700"] as const;

// The estimator's dictionaries are large: loaded once, on the first keystroke, not with the page.
let rules: Promise<Rules> | undefined;
const loadRules = () => (rules ??= import("@/lib/password-rules"));

/**
 * Strength feedback while typing (SPEC §4.7): the same rules the server applies (lib/password-rules.ts), so what the
 * meter accepts is what the form accepts, and the first rule still broken, in words.
 */
export function PasswordStrength({ id, password, context }: { id: string; password: string; context: PasswordContext }) {
  // The verdict remembers which password it is about, so a stale one (or one for an emptied field) is never shown.
  const [judged, setJudged] = useState<{ password: string; verdict: Verdict } | null>(null);
  useEffect(() => {
    let current = true;
    if (password) {
      void loadRules().then((r) => {
        if (current) setJudged({ password, verdict: r.passwordStrength(password, context) });
      });
    }
    return () => {
      current = false;
    };
  }, [password, context]);
  const verdict = password && judged?.password === password ? judged.verdict : null;
  const score = verdict ? (verdict.problem ? Math.min(verdict.score, 2) : verdict.score) : 0;
  return (
    // Spans only: it sits inside the field's hint paragraph.
    <span className="grid gap-1" id={id}>
      <span aria-hidden="true" className="grid h-1.5 grid-cols-4 gap-1">
        {[1, 2, 3, 4].map((step) => (
          <span key={step} className={`rounded-full ${verdict && score >= step ? COLORS[score] : "bg-slate-200"}`} />
        ))}
      </span>
      <span className="block text-sm text-slate-700" aria-live="polite">
        {!verdict ? "Strength: type a password to see how strong it is." : verdict.problem ? `${LABELS[score]}. ${verdict.problem}` : `Strength: ${LABELS[score]}. This password is good to use.`}
      </span>
    </span>
  );
}
